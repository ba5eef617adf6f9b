/*
 * nx_fold.c
 *	  Case folding of words and the Brown cluster lookup (nx_fold.h).
 */
#include "nx_fold.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/*
 * Bytes of a word's fold looked up in the clusters: a longer word is cut
 * there (no cluster word is that long).
 */
#define CLUSTER_WORD_MAX 96

/* Case-fold a word (simple folding, apostrophes and double quotes made plain). */
size_t
nx_fold(const char *s, size_t len, char *out, size_t cap)
{
	int32_t		i = 0;
	size_t		n = 0;

	if (len > INT32_MAX)
		len = INT32_MAX;
	/* ASCII first, byte by byte: A-Z lowered, the rest as the loop below leaves it */
	while (n < len && n < cap && (unsigned char) s[n] < 0x80)
	{
		char		c = s[n];

		out[n++] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
	}
	if (n == len || n == cap)
		return n;
	i = (int32_t) n;
	while (i < (int32_t) len)
	{
		UChar32		c;

		U8_NEXT((const uint8_t *) s, i, (int32_t) len, c);
		if (c < 0)
			c = 0xFFFD;
		if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
			c = '\'';
		else if (c == 0x201C || c == 0x201D)
			c = '"';
		c = (c < 0x80) ? ((c >= 'A' && c <= 'Z') ? c + 32 : c) : u_foldCase(c, U_FOLD_CASE_DEFAULT);
		if (n + U8_LENGTH(c) > cap)
			break;
		U8_APPEND_UNSAFE((uint8_t *) out, n, c);
	}
	return n;
}

/*
 * The cluster of a word (Brown or word-vector clusters): as written, else folded, else with a
 * capital first letter.  Sets *bits and *nbits (0: none).
 */
void
nx_fold_cluster(const NxClusters *cl, const char *s, size_t len, uint32_t *bits, uint8_t *nbits)
{
	nx_fold_cluster_key(cl, nx_cluster_key(s, len), s, len, bits, nbits);
}

uint64_t
nx_cluster_key(const char *s, size_t len)
{
	return nx_key_final(nx_fnv1a64(s, len));
}

/* The hash of token k's bytes, its cluster slots asked for. */
static uint64_t
hash_asked(const NxDoc *doc, size_t k, const NxClusters *cl1, const NxClusters *cl2)
{
	uint64_t	h = nx_fnv1a64(doc->text + doc->tok[k].b, doc->tok[k].blen);

	nx_clusters_prefetch(cl1, nx_key_final(h));
	nx_clusters_prefetch(cl2, nx_key_final(h));
	return h;
}

uint64_t
nx_cluster_hash_ahead(const NxDoc *doc, size_t i, const NxClusters *cl1,
					  const NxClusters *cl2, uint64_t ring[NX_CLUSTER_AHEAD])
{
	uint64_t	h;

	if (i == 0)
		for (size_t k = 0; k < NX_CLUSTER_AHEAD && k < doc->ntok; k++)
			ring[k] = hash_asked(doc, k, cl1, cl2);
	h = ring[i % NX_CLUSTER_AHEAD];
	if (i + NX_CLUSTER_AHEAD < doc->ntok)
		ring[i % NX_CLUSTER_AHEAD] = hash_asked(doc, i + NX_CLUSTER_AHEAD, cl1, cl2);
	return h;
}

void
nx_fold_cluster_key(const NxClusters *cl, uint64_t key, const char *s, size_t len,
					uint32_t *bits, uint8_t *nbits)
{
	uint32_t	b = 0,
				n = 0;
	int			found;

	*bits = 0;
	*nbits = 0;
	if (!cl || (!cl->slot && !cl->packed))
		return;
	found = nx_clusters_lookup(cl, key, &b, &n);
	if (!found)
	{
		char		buf[CLUSTER_WORD_MAX];
		size_t		k = nx_fold(s, len, buf, sizeof(buf));

		/* a word that folds to itself was looked up already */
		if (k != len || memcmp(buf, s, k) != 0)
			found = nx_clusters_lookup(cl, nx_key_final(nx_fnv1a64(buf, k)), &b, &n);
		if (!found && k > 0 && buf[0] >= 'a' && buf[0] <= 'z')
		{
			buf[0] -= 32;
			found = nx_clusters_lookup(cl, nx_key_final(nx_fnv1a64(buf, k)), &b, &n);
		}
	}
	if (found && n > 0 && n <= 32)
	{
		*bits = b;
		*nbits = (uint8_t) n;
	}
}
