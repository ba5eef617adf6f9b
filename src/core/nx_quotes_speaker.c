/*
 * nx_quotes_speaker.c
 *	  The speakers pass: the name each quotation's mention resolves to.
 *	   - a personal pronoun gives the nearest person's name before it (a
 *		 run that starts with a known first name), within PRONOUN_WINDOW
 *		 tokens, outside quotations;
 *	   - a mention holding a name run (after titles: "President Putin")
 *		 gives the document's fullest name ending with the same words
 *		 ("Vladimir Putin");
 *	   - anything else ("A Kremlin spokesman") is its own speaker.
 *	  The name runs of the document are found once (names_build), and a
 *	  mention's name and a name's fullest form in constant time.
 */
#include "nx_quotes_int.h"

#include "nx_hash.h"

static inline uint64_t
tok_hash(const NxDoc *doc, size_t i)
{
	return nx_fnv1a64(doc->text + doc->tok[i].b, doc->tok[i].blen);
}

/* Is token i a word that can be part of a name? */
static int
name_word(const QCtx *x, size_t i)
{
	const uint64_t not_name = NX_WB(TITLE) | NX_WB(PRONOUN) | NX_WB(CUE_VERB) |
		NX_WB(SUBORD) | NX_WB(MODAL);

	if (!is_cap(x->doc, i))
		return 0;
	if (has_class(x, i, not_name))
		return W(x, i, FIRST_NAME) && !has_class(x, i, NX_WB(PRONOUN) | NX_WB(TITLE));
	return 1;
}

/* Does token j go on the name run that starts at token i? */
static int
name_goes_on(const QCtx *x, size_t i, size_t j)
{
	const NxDoc *doc = x->doc;

	if (j >= doc->ntok || j >= i + SPEAKER_RUN_MAX)
		return 0;
	if (j > i && doc->tok[j].sentence != doc->tok[i].sentence)
		return 0;
	return name_word(x, j) ||
		(j > i && j + 1 < doc->ntok && W(x, j, NAME_PARTICLE) && name_word(x, j + 1));
}

static int
runs_push(QNames *nm, size_t *cap, const NxAlloc *a, QRun r)
{
	if (nm->n == *cap)
	{
		QRun	   *nr = nx_grow(a, nm->run, sizeof(QRun), cap, *cap ? 2 * *cap : 64);

		if (!nr)
			return 0;
		nm->run = nr;
	}
	nm->run[nm->n++] = r;
	return 1;
}

/* The name runs of the document. */
static NxStatus
find_runs(QCtx *x, QNames *nm)
{
	const NxDoc *doc = x->doc;
	size_t		cap = 0;

	for (size_t i = 0; i < doc->ntok;)
	{
		size_t		j = i;

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		while (name_goes_on(x, i, j))
			j++;
		if (j == i)
		{
			i++;
			continue;
		}
		/* a lone sentence-initial word is usually not a name */
		if (!(j == i + 1 && doc->sent[doc->tok[i].sentence].tok == i && !W(x, i, FIRST_NAME)))
		{
			QRun		r = {(uint32_t) i, (uint32_t) j, W(x, i, FIRST_NAME) && j > i + 1};

			if (!runs_push(nm, &cap, x->a, r))
				return NX_ENOMEM;
			for (size_t k = i; k < j; k++)
				nm->run_of[k] = (int32_t) (nm->n - 1);
		}
		i = j;
	}
	return NX_OK;
}

/* The fullest run by last word: open addressing over twice the runs. */
static NxStatus
index_runs(const QCtx *x, QNames *nm)
{
	const NxDoc *doc = x->doc;

	for (nm->nb = NAME_BUCKETS_MIN; nm->nb < 2 * nm->n; nm->nb *= 2)
		;
	nm->best = nx_alloc(x->a, nm->nb * sizeof(int32_t));
	nm->bkey = nx_alloc(x->a, nm->nb * sizeof(uint64_t));
	if (!nm->best || !nm->bkey)
		return NX_ENOMEM;
	for (size_t b = 0; b < nm->nb; b++)
		nm->best[b] = -1;
	for (size_t r = 0; r < nm->n; r++)
	{
		const QRun *run = &nm->run[r];
		uint64_t	h = tok_hash(doc, run->end - 1) | 1;
		size_t		b = h & (nm->nb - 1);

		while (nm->best[b] >= 0 && nm->bkey[b] != h)
			b = (b + 1) & (nm->nb - 1);
		if (nm->best[b] < 0)
		{
			nm->best[b] = (int32_t) r;
			nm->bkey[b] = h;
		}
		else
		{
			const QRun *o = &nm->run[nm->best[b]];

			if (run->first > o->first ||
				(run->first == o->first && run->end - run->start > o->end - o->start))
				nm->best[b] = (int32_t) r;
		}
	}
	return NX_OK;
}

/* The name runs of the document, and the tables that find them. */
static NxStatus
names_build(QCtx *x, QNames *nm)
{
	const NxDoc *doc = x->doc;
	NxStatus	st;

	memset(nm, 0, sizeof(*nm));
	nm->run_of = nx_alloc(x->a, doc->ntok * sizeof(int32_t));
	nm->first_from = nx_alloc(x->a, (doc->ntok + 1) * sizeof(uint32_t));
	nm->last_upto = nx_alloc(x->a, doc->ntok * sizeof(int32_t));
	if (!nm->run_of || !nm->first_from || !nm->last_upto)
		return NX_ENOMEM;
	for (size_t i = 0; i < doc->ntok; i++)
		nm->run_of[i] = -1;
	if ((st = find_runs(x, nm)) != NX_OK || (st = index_runs(x, nm)) != NX_OK)
		return st;
	/* a mention's name in constant time, however long the mention */
	nm->first_from[doc->ntok] = (uint32_t) doc->ntok;
	for (size_t i = doc->ntok; i-- > 0;)
		nm->first_from[i] = nm->run_of[i] >= 0 && nm->run[nm->run_of[i]].first ?
			(uint32_t) i : nm->first_from[i + 1];
	for (size_t i = 0; i < doc->ntok; i++)
		nm->last_upto[i] = nm->run_of[i] >= 0 ? (int32_t) i : i > 0 ? nm->last_upto[i - 1] : -1;
	return NX_OK;
}

void
q_names_free(QNames *nm, const NxAlloc *a)
{
	nx_free(a, nm->run);
	nx_free(a, nm->run_of);
	nx_free(a, nm->best);
	nx_free(a, nm->bkey);
	nx_free(a, nm->first_from);
	nx_free(a, nm->last_upto);
}

/* The fullest run of the document ending with the same words as run r. */
static const QRun *
fullest(const QNames *nm, const NxDoc *doc, const QRun *r)
{
	uint64_t	h = tok_hash(doc, r->end - 1) | 1;
	size_t		b = h & (nm->nb - 1);

	while (nm->best[b] >= 0)
	{
		if (nm->bkey[b] == h)
		{
			const QRun *o = &nm->run[nm->best[b]];

			/* the longer run must end with the shorter one */
			if (o->end - o->start > r->end - r->start)
			{
				uint32_t	k = r->end - r->start;

				for (uint32_t i = 0; i < k; i++)
					if (tok_hash(doc, o->end - 1 - i) != tok_hash(doc, r->end - 1 - i))
						return r;
				return o;
			}
			return r;
		}
		b = (b + 1) & (nm->nb - 1);
	}
	return r;
}

/* The nearest run with a first name before token s, outside quotations, or NULL. */
static const QRun *
pronoun_antecedent(const QCtx *x, uint32_t s)
{
	const QNames *nm = &x->names;
	uint32_t	lo = s > PRONOUN_WINDOW ? s - PRONOUN_WINDOW : 0;

	for (uint32_t i = s; i-- > lo;)
	{
		int32_t		ri = nm->run_of[i];

		if (ri >= 0 && nm->run[ri].first && !x->inquote[i])
			return &nm->run[ri];
	}
	return NULL;
}

/*
 * The end of an organisation's name that ends the mention m with run r
 * (the University of Michigan, The U.S. State Department): the name
 * without its article, unless r is a name after a title (President
 * Putin).  NONE when it is no such name.
 */
static QSpan
organisation_name(const QCtx *x, QSpan m, const QRun *r)
{
	const NxDoc *doc = x->doc;
	uint32_t	b = m.s;

	if (r->first || r->start <= m.s || r->end != m.e)
		return QNONE;
	if (nx_tok_ieq(doc, b, "the") && b + 1 < r->start)
		b++;
	for (uint32_t i = b; i < r->start; i++)
		if (!(is_cap(doc, i) || (doc->tok[i].flags & NX_TF_ABBREV) || (i > b && W(x, i, NAME_JOINER))))
			return QNONE;
	if (!is_cap(doc, b) || (is_cap(doc, r->start - 1) && W(x, r->start - 1, TITLE)))
		return QNONE;
	return QSPAN(b, r->end);
}

/*
 * The name run a mention m that is no pronoun names: its run with a first
 * name, else its last run, when that run lies inside the mention and
 * ends it or is followed by a comma or parenthesis ("Ivana Trump's
 * brief" is kept whole).  NULL otherwise, and the speaker is set when it
 * is a surname with its appositive or an organisation's name.
 */
static const QRun *
mention_run(const QCtx *x, NxQuote *q, QSpan m)
{
	const NxDoc *doc = x->doc;
	const QNames *nm = &x->names;
	const QRun *r = NULL;
	QSpan		org;

	if (nm->first_from[m.s] < m.e)
		r = &nm->run[nm->run_of[nm->first_from[m.s]]];
	else if (nm->last_upto[m.e - 1] >= (int32_t) m.s)
		r = &nm->run[nm->run_of[nm->last_upto[m.e - 1]]];
	if (!r && q_on(x, NX_QR_SPEAKER_SURNAME_APPOSITIVE) && m.e > m.s + 2 && is_cap(doc, m.s) &&
		is_punct(doc, m.s + 1, ','))
	{
		/* a surname and its appositive (Hicks, his campaign spokeswoman,) */
		set_span(doc, &q->speaker, QSPAN(m.s, m.s + 1));
		q_mark(q, NX_QR_SPEAKER_SURNAME_APPOSITIVE);
		return NULL;
	}
	if (!r || r->start < m.s)
		return NULL;
	if (r->end < m.e && !is_punct(doc, r->end, ',') && !is_punct(doc, r->end, '('))
		return NULL;
	if (q_on(x, NX_QR_SPEAKER_ORGANISATION) && !span_none(org = organisation_name(x, m, r)))
	{
		set_span(doc, &q->speaker, org);
		q_mark(q, NX_QR_SPEAKER_ORGANISATION);
		return NULL;
	}
	return r;
}

/* Resolve the speaker of quotation q from its mention. */
static void
resolve_speaker(QCtx *x, NxQuote *q)
{
	QSpan		m = span_of(&q->mention);
	const QRun *r;

	q->speaker = q->mention;
	if (q->mention.ntok == 0)
		return;
	if (q_on(x, NX_QR_SPEAKER_RELATIVE) && relative_source(x, &m))
	{
		/* who: the words before it */
		set_span(x->doc, &q->speaker, m);
		q_mark(q, NX_QR_SPEAKER_RELATIVE);
	}
	if (is_pronoun(x, m))
	{
		if (!q_on(x, NX_QR_SPEAKER_PRONOUN) || (r = pronoun_antecedent(x, m.s)) == NULL)
			return;
		q_mark(q, NX_QR_SPEAKER_PRONOUN);
	}
	else
	{
		if (!q_on(x, NX_QR_SPEAKER_NAME) || (r = mention_run(x, q, m)) == NULL)
			return;
		q_mark(q, NX_QR_SPEAKER_NAME);
	}
	if (q_on(x, NX_QR_SPEAKER_FULLEST))
	{
		const QRun *f = fullest(&x->names, x->doc, r);

		if (f != r)
			q_mark(q, NX_QR_SPEAKER_FULLEST);
		r = f;
	}
	set_span(x->doc, &q->speaker, QSPAN(r->start, r->end));
	q->person = r->first;
}

/* The speakers pass. */
NxStatus
q_pass_speakers(QCtx *x)
{
	NxStatus	st = names_build(x, &x->names);

	if (st != NX_OK)
		return st;
	for (size_t i = 0; i < x->nq; i++)
		resolve_speaker(x, &x->q[i]);
	return NX_OK;
}
