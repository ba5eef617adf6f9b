/*
 * test_key.c
 *	  Unit tests of the keys of names (nx_key.h): white space, apostrophes,
 *	  NFKC case folding, the type's case, long names and names whose
 *	  normalisation is many times longer than they are.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nx_key.h"

void		test_key_make(void);

/* Does the key of type and name equal want? */
static int
key_is(const char *type, const char *name, const char *want)
{
	char	   *k = nx_key_make(type, name, strlen(name), &nx_malloc_alloc);
	int			ok = k && strcmp(k, want) == 0;

	if (k && !ok)
		fprintf(stderr, "key of \"%s\": \"%s\", want \"%s\"\n", name, k, want);
	free(k);
	return ok;
}

/*
 * The NFKC case fold of ASCII c through ICU is the byte *out (0: it is
 * not one ASCII byte).
 */
static int
icu_fold_ascii(char c, char *out)
{
	UErrorCode	st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&st);
	UChar		src[1] = {(UChar) c},
				dst[8];
	int32_t		n;

	if (U_FAILURE(st))
		return 0;
	n = unorm2_normalize(nfkc, src, 1, dst, 8, &st);
	if (U_FAILURE(st) || n != 1 || dst[0] >= 0x80)
		return 0;
	*out = (char) dst[0];
	return 1;
}

void
test_key_make(void)
{
	char	   *name,
			   *k1,
			   *k;
	size_t		n;

	CHECK(key_is("person", "Vladimir Putin", "person:vladimir putin"));
	CHECK(key_is("PERSON", "Vladimir Putin", "person:vladimir putin"));
	CHECK(key_is("person", " Vladimir \t\n Putin\r\n", "person:vladimir putin"));
	CHECK(key_is("person", "O\xE2\x80\x99Neill", "person:o'neill"));	/* O’Neill */
	CHECK(key_is("loc", "\xC3\x89lys\xC3\xA9\x65\xC2\xA0Palace", "loc:\xC3\xA9lys\xC3\xA9\x65 palace"));
	CHECK(key_is("org", "\xEF\xAC\x81nance Stra\xC3\x9F\x65", "org:finance strasse"));	/* ﬁ, ß */
	CHECK(key_is("x", "\xFF", "x:\xEF\xBF\xBD"));	/* ill-formed: U+FFFD */
	CHECK(key_is("person", "", "person:"));

	/* ASCII names skip ICU: every ASCII character keyed as ICU folds it */
	for (int c = 1; c < 0x80; c++)
	{
		char		nm[4] = {'a', (char) c, 'b', 0},
					want[16],
					f = 0;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;			/* white space: squeezed first */
		CHECK(icu_fold_ascii((char) c, &f));
		snprintf(want, sizeof(want), "x:a%cb", f);
		CHECK(key_is("x", nm, want));
	}

	/* a name longer than the stack buffers */
	n = 600;
	name = malloc(n + 1);
	for (size_t i = 0; i < n; i += 2)
		memcpy(name + i, "A ", 2);
	name[n] = '\0';
	k = nx_key_make("x", name, n, &nx_malloc_alloc);
	CHECK(k && strlen(k) == 2 + n - 1 && k[2] == 'a' && k[2 + n - 2] == 'a');
	free(k);
	free(name);

	/* U+FDFA is 18 characters under NFKC: more than the first buffer holds */
	k1 = nx_key_make("x", "\xEF\xB7\xBA", 3, &nx_malloc_alloc);
	n = 300;
	name = malloc(n + 1);
	for (size_t i = 0; i < n; i += 3)
		memcpy(name + i, "\xEF\xB7\xBA", 3);
	name[n] = '\0';
	k = nx_key_make("x", name, n, &nx_malloc_alloc);
	CHECK(k1 && k && strlen(k1) > 2 + 3 * 6);
	CHECK(k1 && k && strlen(k) == 2 + (n / 3) * (strlen(k1) - 2) &&
		  strncmp(k + 2, k1 + 2, strlen(k1) - 2) == 0);
	free(k1);
	free(k);
	free(name);
}
