/*
 * brown.c: Brown word clustering (Brown et al. 1992) with the windowed
 * agglomeration of Liang (2005), plain C99, no dependencies.
 *
 * Input: text with one sequence per line and tokens separated by spaces
 * (tools/build-clusters makes it).  Bigrams are counted inside a line only.
 * Words seen fewer than -m times are left out, and so are the bigrams that
 * touch them.
 *
 * Output: one line per kept word, "bitstring<TAB>word<TAB>count", the format
 * of Percy Liang's wcluster, ordered by bitstring and then by falling count.
 *
 * Algorithm.  Words are taken by falling frequency.  The first C words each
 * start a cluster; every further word enters as a cluster of its own in slot
 * C, and the two clusters (among the C+1) whose merge loses the least mutual
 * information between adjacent clusters are merged.  When all words are in,
 * the C clusters left are merged the same way down to one; the bitstring of a
 * word is the path (0 = left, 1 = right) from that last merge down to its
 * cluster, so there are C distinct bitstrings.
 *
 * Data layout, for the active slots s, t of [0, C]:
 *   B[s][t]  bigram count "cluster s then cluster t"
 *   nl[s]    count of bigrams whose left word is in s (over the whole
 *            vocabulary), nr[s] the same on the right
 *   q[s][t]  B/N * log(B*N / (nl[s]*nr[t])), the pair's share of the mutual
 *            information; qsum[s] sums q over the row and column of s once
 *   L[s][t]  (s < t) mutual information lost if s and t were merged
 * Logarithms of integer counts come from a table, so the inner loops call no
 * log().  When a word enters, the loss of every pair that shares a bigram
 * with it gains the new terms; after a merge, the loss of every other pair is
 * corrected in O(1) (Liang's update); the pairs that involve the merged or
 * the new cluster are recomputed in O(C) each, so one step costs O(C^2).
 * Ties go to the lowest slots and words of equal count are ordered by their
 * bytes, so a run is reproducible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

typedef struct
{
	char	   *s;
	long		count;
} Word;

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "brown: out of memory (%zu bytes)\n", n);
		exit(1);
	}
	return p;
}

static void *
xcalloc(size_t n, size_t size)
{
	void	   *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "brown: out of memory\n");
		exit(1);
	}
	return p;
}

/* ---------- vocabulary: open-addressing hash of strings ---------- */

static Word *words;
static long nwords, capwords;
static long *htab;
static long hcap;

/* FNV-1a hash of a token */
static unsigned long
hash_str(const char *s, size_t len)
{
	unsigned long h = 1469598103934665603UL;

	for (size_t i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 1099511628211UL;
	}
	return h;
}

/* grow the hash table to twice its size */
static void
rehash(void)
{
	long		ncap = hcap ? hcap * 2 : 1 << 16;
	long	   *nt = xmalloc(sizeof(long) * ncap);

	for (long i = 0; i < ncap; i++)
		nt[i] = -1;
	for (long w = 0; w < nwords; w++)
	{
		unsigned long h = hash_str(words[w].s, strlen(words[w].s)) & (ncap - 1);

		while (nt[h] >= 0)
			h = (h + 1) & (ncap - 1);
		nt[h] = w;
	}
	free(htab);
	htab = nt;
	hcap = ncap;
}

/* id of a token, added with count 0 if new */
static long
intern(const char *s, size_t len)
{
	unsigned long h;

	if (2 * (nwords + 1) > hcap)
		rehash();
	h = hash_str(s, len) & (hcap - 1);
	while (htab[h] >= 0)
	{
		Word	   *w = &words[htab[h]];

		if (strncmp(w->s, s, len) == 0 && w->s[len] == '\0')
			return htab[h];
		h = (h + 1) & (hcap - 1);
	}
	if (nwords == capwords)
	{
		capwords = capwords ? capwords * 2 : 1 << 16;
		words = realloc(words, sizeof(Word) * capwords);
		if (words == NULL)
		{
			fprintf(stderr, "brown: out of memory\n");
			exit(1);
		}
	}
	words[nwords].s = xmalloc(len + 1);
	memcpy(words[nwords].s, s, len);
	words[nwords].s[len] = '\0';
	words[nwords].count = 0;
	htab[h] = nwords;
	return nwords++;
}

/* order word ids by falling count, then by bytes, so runs are reproducible */
static int
cmp_id(const void *a, const void *b)
{
	const Word *x = &words[*(const long *) a], *y = &words[*(const long *) b];

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->s, y->s);
}

static int
cmp_u64(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *) a;
	unsigned long long y = *(const unsigned long long *) b;

	return x < y ? -1 : x > y;
}

/* ---------- clustering state ---------- */

static int	C;					/* number of clusters */
static int	S;					/* slots: C + 1 */
static long V;					/* kept words */
static double N;				/* total bigrams */
static double logN;
static double *logtab;			/* logtab[n] = log(n) */
static long logcap;

static int *B;					/* S*S */
static double *q;				/* S*S */
static double *L;				/* S*S, upper triangle used */
static double *qsum;
static long *nl, *nr;
static int *active;
static int *slot_node;			/* tree node held by a slot */

/* per-word sparse neighbours (CSR) */
static long *rstart, *rnb, *lstart, *lnb;
static int *rcnt, *lcnt;
static long *wnl, *wnr;
static int *wslot;				/* slot of a word, -1 before it is added */
static long *slot_head, *word_next;		/* words of a slot, as a list */

/* merge tree (phase 2 only) */
static int *node_left, *node_right;
static int nnodes;

#define IX(s, t) ((size_t) (s) * S + (t))

/* log of a count, from the table */
static inline double
lg(long n)
{
	return n < logcap ? logtab[n] : log((double) n);
}

/* share of mutual information of a bigram count n with margins ml, mr */
static inline double
qf(long n, long ml, long mr)
{
	if (n <= 0)
		return 0.0;
	return (double) n / N * (lg(n) + logN - lg(ml) - lg(mr));
}

/* recompute q for row and column of slot s */
static void
compute_q_row(int s)
{
	for (int x = 0; x < S; x++)
	{
		if (!active[x])
			continue;
		q[IX(s, x)] = qf(B[IX(s, x)], nl[s], nr[x]);
		q[IX(x, s)] = qf(B[IX(x, s)], nl[x], nr[s]);
	}
}

/* qsum of slot s from scratch */
static double
compute_qsum(int s)
{
	double		sum = 0.0;

	for (int x = 0; x < S; x++)
		if (active[x])
			sum += q[IX(s, x)] + q[IX(x, s)];
	return sum - q[IX(s, s)];
}

/* mutual information lost by merging slots s and t, computed in O(C) */
static double
compute_loss(int s, int t)
{
	long		ml = nl[s] + nl[t], mr = nr[s] + nr[t];
	double		gone = qsum[s] + qsum[t] - q[IX(s, t)] - q[IX(t, s)];
	double		made;
	long		self;
	const int  *bs = &B[IX(s, 0)], *bt = &B[IX(t, 0)];

	self = B[IX(s, s)] + B[IX(s, t)] + B[IX(t, s)] + B[IX(t, t)];
	made = qf(self, ml, mr);
	for (int x = 0; x < S; x++)
	{
		long		r, l;

		if (!active[x] || x == s || x == t)
			continue;
		r = (long) bs[x] + bt[x];
		l = (long) B[IX(x, s)] + B[IX(x, t)];
		if (r)
			made += qf(r, ml, nr[x]);
		if (l)
			made += qf(l, nl[x], mr);
	}
	return gone - made;
}

static inline double *
lref(int s, int t)
{
	return s < t ? &L[IX(s, t)] : &L[IX(t, s)];
}

/* find the active pair with the least loss; ties go to the lowest slots */
static void
best_pair(int *ps, int *pt)
{
	double		best = HUGE_VAL;

	*ps = *pt = -1;
	for (int s = 0; s < S; s++)
	{
		if (!active[s])
			continue;
		for (int t = s + 1; t < S; t++)
		{
			if (active[t] && L[IX(s, t)] < best)
			{
				best = L[IX(s, t)];
				*ps = s;
				*pt = t;
			}
		}
	}
}

/*
 * Merge slot b into slot a.  First correct the loss of every pair (s,t) not
 * touching a or b, then fold the counts, then recompute the pairs of a.
 * The columns of a and b are copied to contiguous arrays first, so the
 * O(C^2) correction reads memory in order.
 */
static void
merge(int a, int b, int make_node)
{
	long		mla = nl[a] + nl[b], mra = nr[a] + nr[b];
	static double *qold, *qab;
	static int *xa, *ax, *xb, *bx;
	long		self;

	if (qold == NULL)
	{
		qold = xmalloc(sizeof(double) * S);
		qab = xmalloc(sizeof(double) * S);
		xa = xmalloc(sizeof(int) * S);
		ax = xmalloc(sizeof(int) * S);
		xb = xmalloc(sizeof(int) * S);
		bx = xmalloc(sizeof(int) * S);
	}

	for (int x = 0; x < S; x++)
	{
		if (!active[x] || x == a || x == b)
			continue;
		xa[x] = B[IX(x, a)];
		ax[x] = B[IX(a, x)];
		xb[x] = B[IX(x, b)];
		bx[x] = B[IX(b, x)];
		qold[x] = q[IX(x, a)] + q[IX(a, x)] + q[IX(x, b)] + q[IX(b, x)];
		qab[x] = qf((long) ax[x] + bx[x], mla, nr[x])
			+ qf((long) xa[x] + xb[x], nl[x], mra);
	}

	/* Liang's O(1) correction of L(s,t) for s,t not in {a,b} */
	for (int s = 0; s < S; s++)
	{
		double	   *Ls = &L[IX(s, 0)];
		double		ds;

		if (!active[s] || s == a || s == b)
			continue;
		ds = qab[s] - qold[s];
		for (int t = s + 1; t < S; t++)
		{
			long		sa, as, sb, bs;
			double		d;

			if (!active[t] || t == a || t == b)
				continue;
			/* terms of s and t with a and b go, terms with ab come */
			d = ds + qab[t] - qold[t];
			/* terms of the would-be merge st with a and b go, with ab come */
			sa = (long) xa[s] + xa[t];
			as = (long) ax[s] + ax[t];
			sb = (long) xb[s] + xb[t];
			bs = (long) bx[s] + bx[t];
			if (sa | as | sb | bs)
			{
				long		ml = nl[s] + nl[t], mr = nr[s] + nr[t];

				d += qf(sa, ml, nr[a]) + qf(as, nl[a], mr)
					+ qf(sb, ml, nr[b]) + qf(bs, nl[b], mr)
					- qf(sa + sb, ml, mra) - qf(as + bs, mla, mr);
			}
			Ls[t] += d;
		}
	}

	/* qsum of the others: replace their terms with a and b by ab */
	for (int x = 0; x < S; x++)
		if (active[x] && x != a && x != b)
			qsum[x] += qab[x] - qold[x];

	/* fold the counts of b into a */
	self = (long) B[IX(a, a)] + B[IX(a, b)] + B[IX(b, a)] + B[IX(b, b)];
	for (int x = 0; x < S; x++)
	{
		if (!active[x] || x == a || x == b)
			continue;
		B[IX(a, x)] += B[IX(b, x)];
		B[IX(x, a)] += B[IX(x, b)];
	}
	B[IX(a, a)] = (int) self;
	for (int x = 0; x < S; x++)
	{
		B[IX(b, x)] = 0;
		B[IX(x, b)] = 0;
		q[IX(b, x)] = 0;
		q[IX(x, b)] = 0;
	}
	nl[a] = mla;
	nr[a] = mra;
	active[b] = 0;

	/* words of b now belong to a */
	if (slot_head[b] >= 0)
	{
		long		w, last = -1;

		for (w = slot_head[b]; w >= 0; w = word_next[w])
		{
			wslot[w] = a;
			last = w;
		}
		word_next[last] = slot_head[a];
		slot_head[a] = slot_head[b];
		slot_head[b] = -1;
	}

	if (make_node)
	{
		node_left[nnodes] = slot_node[a];
		node_right[nnodes] = slot_node[b];
		slot_node[a] = nnodes++;
	}
	slot_node[b] = -1;

	compute_q_row(a);
	qsum[a] = compute_qsum(a);
	for (int x = 0; x < S; x++)
		if (active[x] && x != a)
			*lref(a, x) = compute_loss(a, x);
}

/* put word w into the free slot f and compute its counts and losses */
static void
add_word(long w, int f)
{
	for (int x = 0; x < S; x++)
	{
		B[IX(f, x)] = 0;
		B[IX(x, f)] = 0;
	}
	active[f] = 1;
	wslot[w] = f;
	slot_head[f] = w;
	word_next[w] = -1;
	nl[f] = wnl[w];
	nr[f] = wnr[w];
	for (long k = rstart[w]; k < rstart[w + 1]; k++)
	{
		int			s = wslot[rnb[k]];

		if (s >= 0)
			B[IX(f, s)] += rcnt[k];
	}
	for (long k = lstart[w]; k < lstart[w + 1]; k++)
	{
		int			s = wslot[lnb[k]];

		if (s >= 0 && s != f)	/* (w,w) was counted in the row already */
			B[IX(s, f)] += lcnt[k];
	}
	compute_q_row(f);
	qsum[f] = compute_qsum(f);
	for (int x = 0; x < S; x++)
		if (active[x] && x != f)
			qsum[x] += q[IX(x, f)] + q[IX(f, x)];

	/*
	 * Every other pair (s,t) gains the terms of the new slot: s and t each
	 * with f, and their would-be merge with f.  Only pairs where s or t
	 * shares a bigram with f change, and a new word has few such partners.
	 */
	{
		static int *nbr;
		static char *isnbr;
		int			nn = 0;

		if (nbr == NULL)
		{
			nbr = xmalloc(sizeof(int) * S);
			isnbr = xcalloc(S, 1);
		}
		for (int x = 0; x < S; x++)
			if (active[x] && x != f && (B[IX(x, f)] || B[IX(f, x)]))
			{
				nbr[nn++] = x;
				isnbr[x] = 1;
			}
		for (int k = 0; k < nn; k++)
		{
			int			s = nbr[k];

			for (int t = 0; t < S; t++)
			{
				long		ml, mr;
				double		d;

				if (!active[t] || t == s || t == f || (isnbr[t] && t < s))
					continue;
				ml = nl[s] + nl[t];
				mr = nr[s] + nr[t];
				d = q[IX(s, f)] + q[IX(f, s)] + q[IX(t, f)] + q[IX(f, t)]
					- qf((long) B[IX(s, f)] + B[IX(t, f)], ml, nr[f])
					- qf((long) B[IX(f, s)] + B[IX(f, t)], nl[f], mr);
				*lref(s, t) += d;
			}
		}
		for (int k = 0; k < nn; k++)
			isnbr[nbr[k]] = 0;
	}

	for (int x = 0; x < S; x++)
		if (active[x] && x != f)
			*lref(f, x) = compute_loss(f, x);
}

/* write the path of every leaf below node n */
static void
assign_bits(int n, char *path, int depth, char **leafbits, int nleaves)
{
	path[depth] = '\0';
	if (n < nleaves)
	{
		{
			const char *p = depth ? path : "0";

			leafbits[n] = xmalloc(strlen(p) + 1);
			strcpy(leafbits[n], p);
		}
		return;
	}
	path[depth] = '0';
	assign_bits(node_left[n], path, depth + 1, leafbits, nleaves);
	path[depth] = '1';
	assign_bits(node_right[n], path, depth + 1, leafbits, nleaves);
}

typedef struct
{
	const char *bits;
	long		count;
	const char *word;
} OutRow;

static int
cmp_out(const void *a, const void *b)
{
	const OutRow *x = a, *y = b;
	int			c = strcmp(x->bits, y->bits);

	if (c)
		return c;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->word, y->word);
}

static void
usage(void)
{
	fprintf(stderr,
			"usage: brown [-c clusters] [-m min-count] [-o output] [input]\n"
			"  input: one sequence per line, tokens separated by spaces\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	long		mincount = 3;
	FILE	   *fp;
	char	   *buf = NULL;
	size_t		bufcap = 0, len = 0;
	long	   *toks;
	long		ntoks = 0, captoks;
	long		oldn;
	long	   *remap;
	unsigned long long *pairs;
	long		npairs = 0;
	time_t		t0 = time(NULL);

	C = 1000;
	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			C = atoi(argv[++i]);
		else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			mincount = atol(argv[++i]);
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			usage();
		else
			in = argv[i];
	}
	if (C < 2 || mincount < 1)
		usage();

	/* read everything */
	fp = in ? fopen(in, "rb") : stdin;
	if (fp == NULL)
	{
		perror(in);
		return 1;
	}
	for (;;)
	{
		size_t		got;

		if (bufcap - len < 1 << 20)
		{
			bufcap = bufcap ? bufcap * 2 : 1 << 24;
			buf = realloc(buf, bufcap + 1);
			if (buf == NULL)
			{
				fprintf(stderr, "brown: out of memory\n");
				return 1;
			}
		}
		got = fread(buf + len, 1, bufcap - len, fp);
		if (got == 0)
			break;
		len += got;
	}
	if (in)
		fclose(fp);
	buf[len] = '\0';

	/* tokens as word ids; -1 marks the end of a line */
	captoks = len / 2 + 2;
	toks = xmalloc(sizeof(long) * captoks);
	for (size_t i = 0; i < len;)
	{
		if (buf[i] == '\n')
		{
			if (ntoks > 0 && toks[ntoks - 1] != -1)
				toks[ntoks++] = -1;
			i++;
		}
		else if (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')
			i++;
		else
		{
			size_t		j = i;
			long		w;

			while (j < len && buf[j] != ' ' && buf[j] != '\t' &&
				   buf[j] != '\n' && buf[j] != '\r')
				j++;
			w = intern(buf + i, j - i);
			words[w].count++;
			toks[ntoks++] = w;
			i = j;
		}
	}
	toks[ntoks++] = -1;
	free(buf);

	/* keep frequent words, sorted by falling count */
	oldn = nwords;
	{
		long	   *ids = xmalloc(sizeof(long) * oldn);
		Word	   *kept;

		for (long w = 0; w < oldn; w++)
			ids[w] = w;
		qsort(ids, oldn, sizeof(long), cmp_id);
		remap = xmalloc(sizeof(long) * oldn);
		for (long w = 0; w < oldn; w++)
			remap[w] = -1;
		for (V = 0; V < oldn && words[ids[V]].count >= mincount; V++)
			remap[ids[V]] = V;
		kept = xmalloc(sizeof(Word) * (V ? V : 1));
		for (long k = 0; k < V; k++)
			kept[k] = words[ids[k]];
		for (long k = V; k < oldn; k++)
			free(words[ids[k]].s);
		free(words);
		free(ids);
		free(htab);
		words = kept;
	}
	fprintf(stderr, "brown: %ld tokens, %ld types, %ld kept (count >= %ld)\n",
			ntoks, oldn, V, mincount);
	if (V < 2)
	{
		fprintf(stderr, "brown: too few words\n");
		return 1;
	}
	if (C > V)
		C = (int) V;
	S = C + 1;

	/* bigrams as sorted 64-bit keys */
	pairs = xmalloc(sizeof(unsigned long long) * ntoks);
	for (long i = 0; i + 1 < ntoks; i++)
	{
		long		a = toks[i] >= 0 ? remap[toks[i]] : -1;
		long		b = toks[i + 1] >= 0 ? remap[toks[i + 1]] : -1;

		if (a >= 0 && b >= 0)
			pairs[npairs++] = ((unsigned long long) a << 32) | (unsigned long long) b;
	}
	free(toks);
	free(remap);
	N = (double) npairs;
	logN = log(N);
	logcap = npairs + 1;
	logtab = xmalloc(sizeof(double) * logcap);
	logtab[0] = 0.0;
	for (long n = 1; n < logcap; n++)
		logtab[n] = log((double) n);

	wnl = xcalloc(V, sizeof(long));
	wnr = xcalloc(V, sizeof(long));
	rstart = xcalloc(V + 1, sizeof(long));
	lstart = xcalloc(V + 1, sizeof(long));
	qsort(pairs, npairs, sizeof(unsigned long long), cmp_u64);
	{
		long		nd = 0;
		long	   *pa, *pb;
		int		   *pc;

		for (long i = 0; i < npairs; i++)
			if (i == 0 || pairs[i] != pairs[i - 1])
				nd++;
		pa = xmalloc(sizeof(long) * nd);
		pb = xmalloc(sizeof(long) * nd);
		pc = xmalloc(sizeof(int) * nd);
		nd = 0;
		for (long i = 0; i < npairs; i++)
		{
			if (i == 0 || pairs[i] != pairs[i - 1])
			{
				pa[nd] = (long) (pairs[i] >> 32);
				pb[nd] = (long) (pairs[i] & 0xffffffffUL);
				pc[nd] = 0;
				nd++;
			}
			pc[nd - 1]++;
		}
		free(pairs);
		rnb = xmalloc(sizeof(long) * nd);
		lnb = xmalloc(sizeof(long) * nd);
		rcnt = xmalloc(sizeof(int) * nd);
		lcnt = xmalloc(sizeof(int) * nd);
		for (long i = 0; i < nd; i++)
		{
			rstart[pa[i] + 1]++;
			lstart[pb[i] + 1]++;
			wnl[pa[i]] += pc[i];
			wnr[pb[i]] += pc[i];
		}
		for (long w = 0; w < V; w++)
		{
			rstart[w + 1] += rstart[w];
			lstart[w + 1] += lstart[w];
		}
		{
			long	   *rpos = xmalloc(sizeof(long) * V);
			long	   *lpos = xmalloc(sizeof(long) * V);

			memcpy(rpos, rstart, sizeof(long) * V);
			memcpy(lpos, lstart, sizeof(long) * V);
			for (long i = 0; i < nd; i++)
			{
				rnb[rpos[pa[i]]] = pb[i];
				rcnt[rpos[pa[i]]++] = pc[i];
				lnb[lpos[pb[i]]] = pa[i];
				lcnt[lpos[pb[i]]++] = pc[i];
			}
			free(rpos);
			free(lpos);
		}
		fprintf(stderr, "brown: %.0f bigrams, %ld distinct\n", N, nd);
		free(pa);
		free(pb);
		free(pc);
	}

	B = xcalloc((size_t) S * S, sizeof(int));
	q = xcalloc((size_t) S * S, sizeof(double));
	L = xcalloc((size_t) S * S, sizeof(double));
	qsum = xcalloc(S, sizeof(double));
	nl = xcalloc(S, sizeof(long));
	nr = xcalloc(S, sizeof(long));
	active = xcalloc(S, sizeof(int));
	slot_node = xcalloc(S, sizeof(int));
	slot_head = xmalloc(sizeof(long) * S);
	for (int s = 0; s < S; s++)
		slot_head[s] = -1;
	wslot = xmalloc(sizeof(int) * V);
	word_next = xmalloc(sizeof(long) * V);
	for (long w = 0; w < V; w++)
		wslot[w] = -1;
	node_left = xmalloc(sizeof(int) * 2 * S);
	node_right = xmalloc(sizeof(int) * 2 * S);

	/* phase 1: the first C words, then one word at a time with a merge */
	for (int s = 0; s < C; s++)
	{
		active[s] = 1;
		wslot[s] = s;
		slot_head[s] = s;
		word_next[s] = -1;
		nl[s] = wnl[s];
		nr[s] = wnr[s];
	}
	for (int s = 0; s < C; s++)
		for (long k = rstart[s]; k < rstart[s + 1]; k++)
			if (rnb[k] < C)
				B[IX(s, rnb[k])] += rcnt[k];
	for (int s = 0; s < C; s++)
		compute_q_row(s);
	for (int s = 0; s < C; s++)
		qsum[s] = compute_qsum(s);
	for (int s = 0; s < C; s++)
		for (int t = s + 1; t < C; t++)
			L[IX(s, t)] = compute_loss(s, t);
	fprintf(stderr, "brown: %d initial clusters ready (%lds)\n", C,
			(long) (time(NULL) - t0));

	for (long w = C; w < V; w++)
	{
		int			f = -1, a, b;

		for (int s = 0; s < S; s++)
			if (!active[s])
			{
				f = s;
				break;
			}
		add_word(w, f);
		best_pair(&a, &b);
		merge(a, b, 0);
		if ((w - C) % 5000 == 0 && w > C)
			fprintf(stderr, "brown: %ld/%ld words (%lds)\n", w, V,
					(long) (time(NULL) - t0));
	}

	/* phase 2: build the hierarchy over the C clusters left */
	{
		int			nleaves = 0;
		int		   *wleaf = xmalloc(sizeof(int) * V);
		char	  **leafbits;
		char	   *path;
		OutRow	   *rows;
		FILE	   *of;

		for (int s = 0; s < S; s++)
			if (active[s])
				slot_node[s] = nleaves++;
		for (long w = 0; w < V; w++)
			wleaf[w] = slot_node[wslot[w]];
		nnodes = nleaves;
		for (int k = 1; k < nleaves; k++)
		{
			int			a, b;

			best_pair(&a, &b);
			merge(a, b, 1);
		}
		leafbits = xcalloc(nleaves, sizeof(char *));
		path = xmalloc(nleaves + 2);
		assign_bits(nnodes - 1, path, 0, leafbits, nleaves);

		rows = xmalloc(sizeof(OutRow) * V);
		for (long w = 0; w < V; w++)
		{
			rows[w].bits = leafbits[wleaf[w]];
			rows[w].count = words[w].count;
			rows[w].word = words[w].s;
		}
		qsort(rows, V, sizeof(OutRow), cmp_out);
		of = out ? fopen(out, "w") : stdout;
		if (of == NULL)
		{
			perror(out);
			return 1;
		}
		for (long w = 0; w < V; w++)
			fprintf(of, "%s\t%s\t%ld\n", rows[w].bits, rows[w].word, rows[w].count);
		if (fclose(of) != 0)
		{
			perror(out ? out : "stdout");
			return 1;
		}
		fprintf(stderr, "brown: %d clusters, %ld words written (%lds)\n",
				nleaves, V, (long) (time(NULL) - t0));
	}
	return 0;
}
