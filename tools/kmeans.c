/*
 * kmeans.c
 *	  Nested spherical k-means over word vectors, written as cluster paths
 *	  in the format of Brown clusters (bits TAB word), so that a tagger
 *	  reads both alike: a prefix of a path is a coarser cluster.
 *
 *	 tools/kmeans [-b BITS] [-l LEVELS] [-i ITERS] [-n WORDS] < vectors > clusters
 *
 * Input: GloVe's text format, "word v1 v2 ... vD" a line, the most frequent
 * words first; the first WORDS lines are read (default: all).  Every
 * vector is scaled to unit length.  Level 1 cuts all words into 2^BITS
 * clusters by k-means on the cosine (default 4 bits: 16 clusters); level 2
 * cuts each of those into 2^BITS, and so on for LEVELS levels (default 3:
 * 4096 clusters of 12-bit paths).  Seeds are chosen by k-means++ from a
 * fixed pseudo-random sequence, so the same input gives the same output
 * byte for byte.  Output: one line a word, in input order, "path TAB
 * word", the path written as BITS x LEVELS characters 0 and 1.
 *
 * Build: make tools (cc -O2, no dependency beyond libc and libm).
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE	(1 << 16)
#define MAX_DIM		1024

static size_t dim;

static void *
xalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (!p)
	{
		fprintf(stderr, "kmeans: out of memory\n");
		exit(1);
	}
	return p;
}

/* A fixed 64-bit pseudo-random sequence (splitmix64). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng_next(void)
{
	uint64_t	z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
rng_unit(void)
{
	return (double) (rng_next() >> 11) / (double) (1ULL << 53);
}

static float
dot(const float *a, const float *b)
{
	float		s = 0;

	for (size_t j = 0; j < dim; j++)
		s += a[j] * b[j];
	return s;
}

static void
normalise(float *v)
{
	float		n = sqrtf(dot(v, v));

	if (n > 0)
		for (size_t j = 0; j < dim; j++)
			v[j] /= n;
}

/*
 * Cut the words idx[0..n) into k clusters; writes each word's cluster
 * into out[0..n).  Spherical k-means: centroids are normalised means, a
 * word goes to the centroid of highest cosine.
 */
static void
cluster(const float *vec, const size_t *idx, size_t n, int k, int iters, int *out)
{
	float	   *cen = xalloc(sizeof(float) * dim * k);
	double	   *sum = xalloc(sizeof(double) * dim * k);
	double	   *d2 = xalloc(sizeof(double) * (n ? n : 1));
	size_t	   *cnt = xalloc(sizeof(size_t) * k);

	if ((size_t) k >= n)
	{
		for (size_t i = 0; i < n; i++)
			out[i] = (int) i;
		goto done;
	}
	/* k-means++ seeds: each next seed drawn by squared distance */
	memcpy(cen, vec + idx[rng_next() % n] * dim, sizeof(float) * dim);
	for (size_t i = 0; i < n; i++)
		d2[i] = 2.0 - 2.0 * dot(vec + idx[i] * dim, cen);
	for (int c = 1; c < k; c++)
	{
		double		tot = 0,
					r;
		size_t		pick = n - 1;

		for (size_t i = 0; i < n; i++)
			tot += d2[i] > 0 ? d2[i] : 0;
		r = rng_unit() * tot;
		for (size_t i = 0; i < n; i++)
		{
			r -= d2[i] > 0 ? d2[i] : 0;
			if (r <= 0)
			{
				pick = i;
				break;
			}
		}
		memcpy(cen + (size_t) c * dim, vec + idx[pick] * dim, sizeof(float) * dim);
		for (size_t i = 0; i < n; i++)
		{
			double		d = 2.0 - 2.0 * dot(vec + idx[i] * dim, cen + (size_t) c * dim);

			if (d < d2[i])
				d2[i] = d;
		}
	}
	for (int it = 0; it < iters; it++)
	{
		size_t		moved = 0;

		for (size_t i = 0; i < n; i++)
		{
			const float *v = vec + idx[i] * dim;
			int			best = 0;
			float		bs = -2;

			for (int c = 0; c < k; c++)
			{
				float		s = dot(v, cen + (size_t) c * dim);

				if (s > bs)
				{
					bs = s;
					best = c;
				}
			}
			if (it == 0 || out[i] != best)
				moved++;
			out[i] = best;
		}
		if (it > 0 && moved == 0)
			break;
		memset(sum, 0, sizeof(double) * dim * k);
		memset(cnt, 0, sizeof(size_t) * k);
		for (size_t i = 0; i < n; i++)
		{
			const float *v = vec + idx[i] * dim;

			cnt[out[i]]++;
			for (size_t j = 0; j < dim; j++)
				sum[(size_t) out[i] * dim + j] += v[j];
		}
		for (int c = 0; c < k; c++)
		{
			if (cnt[c] == 0)
				continue;		/* an empty cluster keeps its centroid */
			for (size_t j = 0; j < dim; j++)
				cen[(size_t) c * dim + j] = (float) sum[(size_t) c * dim + j];
			normalise(cen + (size_t) c * dim);
		}
	}
done:
	free(cen);
	free(sum);
	free(d2);
	free(cnt);
}

int
main(int argc, char **argv)
{
	int			bits = 4,
				levels = 3,
				iters = 25;
	size_t		maxwords = SIZE_MAX,
				n = 0,
				cap = 1024;
	char	   *line = xalloc(MAX_LINE);
	char	  **word;
	float	   *vec;
	uint32_t   *path,
			   *next;
	size_t	   *idx;
	int		   *asg;

	for (int i = 1; i + 1 < argc; i += 2)
	{
		if (strcmp(argv[i], "-b") == 0)
			bits = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-l") == 0)
			levels = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-i") == 0)
			iters = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-n") == 0)
			maxwords = (size_t) strtoull(argv[i + 1], NULL, 10);
		else
			break;
	}
	if (argc % 2 == 0 || bits < 1 || levels < 1 || bits * levels > 32 || iters < 1)
	{
		fprintf(stderr, "usage: tools/kmeans [-b BITS] [-l LEVELS] [-i ITERS] [-n WORDS] < vectors > clusters\n"
				"  (BITS x LEVELS at most 32)\n");
		return 2;
	}
	word = xalloc(sizeof(char *) * cap);
	vec = NULL;
	while (n < maxwords && fgets(line, MAX_LINE, stdin))
	{
		char	   *sp = strchr(line, ' '),
				   *p;
		size_t		d = 0;
		float		v[MAX_DIM];

		if (!sp)
			continue;
		*sp = '\0';
		p = sp + 1;
		while (d < MAX_DIM)
		{
			char	   *e;
			float		x = strtof(p, &e);

			if (e == p)
				break;
			v[d++] = x;
			p = e;
		}
		if (dim == 0)
			dim = d;
		if (d != dim || d == 0)
		{
			fprintf(stderr, "kmeans: line %zu has %zu numbers, not %zu\n", n + 1, d, dim);
			return 1;
		}
		if (n == cap || !vec)
		{
			cap = n == cap ? cap * 2 : cap;
			word = realloc(word, sizeof(char *) * cap);
			vec = realloc(vec, sizeof(float) * dim * cap);
			if (!word || !vec)
			{
				fprintf(stderr, "kmeans: out of memory\n");
				return 1;
			}
		}
		word[n] = strdup(line);
		memcpy(vec + n * dim, v, sizeof(float) * dim);
		normalise(vec + n * dim);
		n++;
	}
	path = calloc(n ? n : 1, sizeof(uint32_t));
	next = calloc(n ? n : 1, sizeof(uint32_t));
	idx = xalloc(sizeof(size_t) * (n ? n : 1));
	asg = xalloc(sizeof(int) * (n ? n : 1));
	if (!path || !next)
		return 1;
	/* level by level, cut every cluster of the level above */
	for (int lv = 0; lv < levels; lv++)
	{
		uint32_t	ngroups = 1U << (bits * lv);

		for (uint32_t g = 0; g < ngroups; g++)
		{
			size_t		m = 0;

			for (size_t i = 0; i < n; i++)
				if (path[i] == g)
					idx[m++] = i;
			cluster(vec, idx, m, 1 << bits, iters, asg);
			for (size_t i = 0; i < m; i++)
				next[idx[i]] = (g << bits) | (uint32_t) asg[i];
		}
		/* paths of this level are taken after all groups are cut */
		memcpy(path, next, sizeof(uint32_t) * n);
		fprintf(stderr, "kmeans: level %d done (%u clusters)\n", lv + 1, ngroups << bits);
	}
	for (size_t i = 0; i < n; i++)
	{
		char		s[33];
		int			len = bits * levels;

		for (int b = 0; b < len; b++)
			s[b] = (path[i] >> (len - 1 - b)) & 1 ? '1' : '0';
		s[len] = '\0';
		printf("%s\t%s\n", s, word[i]);
	}
	return 0;
}
