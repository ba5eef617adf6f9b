/*
 * nx_key.c
 *	  Keys of names (nx_key.h): NFKC case folding through ICU, with a
 *	  simple ASCII fold when ICU's normalisation data is missing.
 */
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nx_key.h"

/* Make the key of type and name[0..n). */
char *
nx_key_make(const char *type, const char *name, size_t n, const NxAlloc *a)
{
	UErrorCode	st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&st);
	size_t		tl = strlen(type);
	UChar	   *src = NULL,
			   *dst = NULL;
	char	   *out = NULL;
	int32_t		slen = 0,
				dlen,
				blen,
				k = 0;

	if (n > (size_t) INT32_MAX / 8)
		return NULL;
	if (U_FAILURE(st))
		goto ascii;
	src = nx_alloc(a, (n + 1) * sizeof(UChar));
	dst = nx_alloc(a, (4 * n + 16) * sizeof(UChar));
	if (!src || !dst)
		goto done;
	u_strFromUTF8WithSub(src, (int32_t) n + 1, &slen, name, (int32_t) n, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		goto ascii;
	/* apostrophes as ', white space runs as one space */
	for (int32_t i = 0; i < slen; i++)
	{
		UChar		c = src[i];

		if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
			c = '\'';
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0)
		{
			if (k == 0 || src[k - 1] == ' ')
				continue;
			c = ' ';
		}
		src[k++] = c;
	}
	while (k > 0 && src[k - 1] == ' ')
		k--;
	dlen = unorm2_normalize(nfkc, src, k, dst, (int32_t) (4 * n + 16), &st);
	if (U_FAILURE(st))
		goto ascii;
	u_strToUTF8(NULL, 0, &blen, dst, dlen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto ascii;
	st = U_ZERO_ERROR;
	out = nx_alloc(a, tl + 1 + (size_t) blen + 1);
	if (!out)
		goto done;
	memcpy(out, type, tl);
	out[tl] = ':';
	u_strToUTF8(out + tl + 1, blen + 1, NULL, dst, dlen, &st);
	if (U_FAILURE(st))
	{
		nx_free(a, out);
		out = NULL;
		goto ascii;
	}
	goto done;

ascii:
	out = nx_alloc(a, tl + 1 + n + 1);
	if (out)
	{
		size_t		j = tl + 1;

		memcpy(out, type, tl);
		out[tl] = ':';
		for (size_t i = 0; i < n; i++)
		{
			char		c = name[i];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c + 32);
			out[j++] = c;
		}
		out[j] = '\0';
	}
done:
	nx_free(a, src);
	nx_free(a, dst);
	return out;
}
