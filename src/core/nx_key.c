/*
 * nx_key.c
 *	  Keys of names (nx_key.h): white space runs made one space, then the
 *	  NFKC case fold through ICU (’ ‘ ʼ read as '), or nx_fold's simple
 *	  case fold where ICU cannot normalise and for ASCII names, where it
 *	  gives what ICU would.
 */
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nx_fold.h"
#include "nx_key.h"

/* Names shorter than this many bytes are converted in stack buffers. */
#define STACK_NAME	256

/* How nfkc_key ended. */
typedef enum
{
	KEY_OK, KEY_NOMEM, KEY_NO_ICU
} KeyResult;

/*
 * Copy UTF-8 name[0..n) to out with every run of white space (space, tab,
 * CR, LF, no-break space) as one space and none at either end; return the
 * bytes written (at most n).
 */
static size_t
squeeze_space(const char *name, size_t n, char *out)
{
	size_t		k = 0;

	for (size_t i = 0; i < n; i++)
	{
		char		c = name[i];

		if ((unsigned char) c == 0xC2 && i + 1 < n && (unsigned char) name[i + 1] == 0xA0)
		{
			c = ' ';
			i++;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		{
			if (k == 0 || out[k - 1] == ' ')
				continue;
			c = ' ';
		}
		out[k++] = c;
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	return k;
}

/* Write type in lower case and ':' to out; return the bytes written. */
static size_t
put_type(char *out, const char *type, size_t tl)
{
	for (size_t i = 0; i < tl; i++)
		out[i] = (type[i] >= 'A' && type[i] <= 'Z') ? (char) (type[i] + 32) : type[i];
	out[tl] = ':';
	return tl + 1;
}

/*
 * The key of type and the NFKC case fold of s[0..n) into a new string
 * *out; KEY_NO_ICU (and no string) when ICU cannot normalise it.
 */
static KeyResult
nfkc_key(const char *type, size_t tl, const char *s, size_t n, const NxAlloc *a, char **out)
{
	UErrorCode	st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&st);
	UChar		sbuf[STACK_NAME],
				dbuf[4 * STACK_NAME + 16];
	UChar	   *src = sbuf,
			   *dst = dbuf;
	int32_t		slen,
				dlen,
				dcap = (int32_t) (sizeof(dbuf) / sizeof(UChar)),
				blen;
	size_t		pl;
	KeyResult	r = KEY_NO_ICU;

	*out = NULL;
	if (U_FAILURE(st) || n > NX_KEY_NFKC_MAX)
		return KEY_NO_ICU;
	if (n >= STACK_NAME)
	{
		dcap = (int32_t) (4 * n + 16);
		src = nx_alloc(a, (n + 1) * sizeof(UChar));
		dst = nx_alloc(a, (size_t) dcap * sizeof(UChar));
		if (!src || !dst)
		{
			r = KEY_NOMEM;
			goto done;
		}
	}
	u_strFromUTF8WithSub(src, (int32_t) n + 1, &slen, s, (int32_t) n, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		goto done;
	for (int32_t i = 0; i < slen; i++)
		if (src[i] == 0x2019 || src[i] == 0x2018 || src[i] == 0x02BC)
			src[i] = '\'';
	dlen = unorm2_normalize(nfkc, src, slen, dst, dcap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
	{
		/* a name of many long decompositions (U+FDFA is 18 characters) */
		if (dst != dbuf)
			nx_free(a, dst);
		dcap = dlen;
		dst = nx_alloc(a, (size_t) dcap * sizeof(UChar));
		if (!dst)
		{
			r = KEY_NOMEM;
			goto done;
		}
		st = U_ZERO_ERROR;
		dlen = unorm2_normalize(nfkc, src, slen, dst, dcap, &st);
	}
	if (U_FAILURE(st))
		goto done;
	u_strToUTF8(NULL, 0, &blen, dst, dlen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto done;
	st = U_ZERO_ERROR;
	*out = nx_alloc(a, tl + 1 + (size_t) blen + 1);
	if (!*out)
	{
		r = KEY_NOMEM;
		goto done;
	}
	pl = put_type(*out, type, tl);
	u_strToUTF8(*out + pl, blen + 1, NULL, dst, dlen, &st);
	if (U_FAILURE(st))
	{
		nx_free(a, *out);
		*out = NULL;
		goto done;
	}
	r = KEY_OK;
done:
	if (src != sbuf)
		nx_free(a, src);
	if (dst != dbuf)
		nx_free(a, dst);
	return r;
}

/* The key of type and the simple case fold of s[0..n): an ASCII name, or one ICU cannot normalise. */
static char *
fold_key(const char *type, size_t tl, const char *s, size_t n, const NxAlloc *a)
{
	/* a byte folds to three at the most (U+FFFD for an ill-formed one) */
	char	   *out = nx_alloc(a, tl + 1 + 3 * n + 1);
	size_t		pl;

	if (!out)
		return NULL;
	pl = put_type(out, type, tl);
	out[pl + nx_fold(s, n, out + pl, 3 * n)] = '\0';
	return out;
}

/*
 * Is s[0..n) ASCII?  Then its NFKC case fold is its simple fold, A-Z in
 * lower case (test_key_make checks every ASCII character against ICU),
 * and fold_key makes the key without ICU's conversion to UTF-16 and back
 * (5% of a one-sentence extract_entities call).
 */
static int
ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char) s[i] >= 0x80)
			return 0;
	return 1;
}

/* Make the key of type and name[0..n). */
char *
nx_key_make(const char *type, const char *name, size_t n, const NxAlloc *a)
{
	size_t		tl = strlen(type);
	char		sbuf[STACK_NAME];
	char	   *clean = sbuf,
			   *out = NULL;
	size_t		cn;

	if (n > NX_MAX_INPUT)
		return NULL;
	if (n > sizeof(sbuf) && !(clean = nx_alloc(a, n)))
		return NULL;
	cn = squeeze_space(name, n, clean);
	if (ascii_only(clean, cn) || nfkc_key(type, tl, clean, cn, a, &out) == KEY_NO_ICU)
		out = fold_key(type, tl, clean, cn, a);
	if (clean != sbuf)
		nx_free(a, clean);
	return out;
}
