/*
 * nx_quotes_salience.c
 *	  Who is in view at a point of the article, for the speakers pass:
 *	  the entities mentioned so far, newest first, each with its latest
 *	  mention, read in document order from the names of the article and
 *	  the personal pronouns outside quotations (resolved as they come, so
 *	  that "Clinton … She … She …, she said" keeps Clinton in view), and
 *	  who spoke the quotations so far.
 *
 *	  A pronoun (or a description of an office) resolves to the entity
 *	  that agrees with it and scores best: a linear score of the features
 *	  of q_salience_features (who spoke the quotation before, whether its
 *	  latest mention opened a sentence, how far back and how often it was
 *	  mentioned, ...), with the weights of the quotation model's SPEAKERS
 *	  section, learned by its trainer from PolNeAR's articles (a surname
 *	  that a quotation's source or a sentence's subject repeats is hidden
 *	  and its entity recovered, nx_quotes_speaker_examples), or with
 *	  default_weights when the model has none.
 */
#include <stdio.h>

#include "nx_quotes_int.h"

/* Entities in view at once, at most (the newest). */
#define VIEW_MAX			40

/* Sentences back an entity stays in view, at most. */
#define VIEW_SENTENCES		12

/*
 * A hidden surname is a ranking example where a pronoun could stand: its
 * entity among the EXAMPLE_RANK_MAX newest in view that agree, and
 * mentioned at most EXAMPLE_SENTENCES_MAX sentences back.
 */
#define EXAMPLE_RANK_MAX	3
#define EXAMPLE_SENTENCES_MAX 2

/* Buckets of the distance features. */
#define SENTENCES_BUCKETS	5		/* 0, 1, 2, 3-4, 5+ sentences back */
#define RANK_BUCKETS		4		/* 0, 1, 2, 3+ agreeing entities newer */
#define NAMES_BUCKETS		3		/* mentioned 1, 2-3, 4+ times */

/* The latest mention of an entity. */
typedef struct QMention
{
	uint32_t	tok;
	uint32_t	sent;
	uint32_t	para;
	uint8_t		subject;		/* opens its sentence or clause */
	uint8_t		inquote;
	uint8_t		possessive;
	uint8_t		pronoun;		/* a pronoun resolved to it */
	uint8_t		title;			/* a name after a person's title */
} QMention;

struct QSalience
{
	QMention   *last;			/* [nent] its latest mention */
	QMention   *last_out;		/* [nent] its latest outside quotations (tok UINT32_MAX: none) */
	uint32_t   *mentions;		/* [nent] its mentions so far */
	uint32_t   *spoke;			/* [nent] quotations it spoke so far */
	int32_t		view[VIEW_MAX];	/* entities in view, newest first */
	int			nview;
	size_t		next_name;		/* names before this one are read */
	uint32_t	next_tok;		/* tokens before this one are read */
	int32_t		prev_speaker;	/* entity of the last quotation, -1 */
	uint32_t	prev_para;
	int32_t		topic;			/* the first person named, -1 */
	uint8_t    *source_at;		/* [ntok] a quotation's source starts here (for examples) */
};

/* Weights of the features when the model has none: an explicit ordering. */
static const float default_weights[QF__COUNT] = {
	[QF_PREV_SPEAKER] = 2.0f,
	[QF_SAME_SENTENCE] = 0.5f,
	[QF_SUBJECT] = 1.5f,
	[QF_SENTENCES_0] = 1.0f,
	[QF_SENTENCES_1] = 0.6f,
	[QF_SENTENCES_2] = 0.2f,
	[QF_SENTENCES_4] = -0.5f,
	[QF_SENTENCES_FAR] = -1.5f,
	[QF_RANK_0] = 0.8f,
	[QF_RANK_1] = 0.3f,
	[QF_RANK_3] = -0.5f,
	[QF_NAMES_2] = 0.4f,
	[QF_NAMES_4] = 0.8f,
	[QF_GENDER] = 1.0f,
	[QF_IN_QUOTE] = -2.0f,
	[QF_QUOTED] = 0.8f,
	[QF_PARAGRAPH] = 0.5f,
	[QF_POSSESSIVE] = -0.7f,
	[QF_PRONOUN] = 0.5f,
	[QF_TITLE] = 0.2f,
	[QF_TOPIC] = 0.3f,
};

/* Does entity e agree with a pronoun or description of kind k? */
int
q_agrees(const QEntity *e, QAgree k)
{
	switch (k)
	{
		case QA_MALE:
			return (e->type == QT_PERSON || e->type == QT_UNKNOWN) && e->gender != QG_FEMALE;
		case QA_FEMALE:
			return (e->type == QT_PERSON || e->type == QT_UNKNOWN) && e->gender != QG_MALE;
		case QA_THING:
			return e->type == QT_ORG;
		case QA_PERSON:
			return e->type == QT_PERSON;
		default:
			return 0;
	}
}

/* The salience of a document, nothing read yet. */
NxStatus
q_salience_init(QCtx *x, QSalience **out)
{
	QSalience  *s = nx_alloc(x->a, sizeof(QSalience));

	*out = s;
	if (!s)
		return NX_ENOMEM;
	memset(s, 0, sizeof(*s));
	s->prev_speaker = -1;
	s->topic = -1;
	s->last = nx_alloc(x->a, (x->nent + 1) * sizeof(QMention));
	s->last_out = nx_alloc(x->a, (x->nent + 1) * sizeof(QMention));
	s->mentions = nx_alloc(x->a, (x->nent + 1) * sizeof(uint32_t));
	s->spoke = nx_alloc(x->a, (x->nent + 1) * sizeof(uint32_t));
	if (!s->last || !s->last_out || !s->mentions || !s->spoke)
		return NX_ENOMEM;
	for (size_t e = 0; e <= x->nent; e++)
		s->last_out[e].tok = UINT32_MAX;
	memset(s->mentions, 0, (x->nent + 1) * sizeof(uint32_t));
	memset(s->spoke, 0, (x->nent + 1) * sizeof(uint32_t));
	if (x->opt && x->opt->speaker_example)
	{
		/* examples only where a quotation's source stands */
		if (!(s->source_at = nx_alloc(x->a, x->doc->ntok + 1)))
			return NX_ENOMEM;
		memset(s->source_at, 0, x->doc->ntok + 1);
		for (size_t i = 0; i < x->nq; i++)
			if (x->q[i].mention.ntok)
				s->source_at[x->q[i].mention.tok] = 1;
	}
	return NX_OK;
}

void
q_salience_free(QCtx *x, QSalience *s)
{
	if (!s)
		return;
	nx_free(x->a, s->last);
	nx_free(x->a, s->last_out);
	nx_free(x->a, s->mentions);
	nx_free(x->a, s->spoke);
	nx_free(x->a, s->source_at);
	nx_free(x->a, s);
}

/*
 * Entity e is mentioned by m: it comes first in view, unless m is inside
 * a quotation and e was in view already (a name quoted is not the one
 * the story is about now).
 */
static void
mention(QSalience *s, int32_t e, const QMention *m)
{
	int			k;

	s->last[e] = *m;
	if (!m->inquote)
		s->last_out[e] = *m;
	s->mentions[e]++;
	for (k = 0; k < s->nview && s->view[k] != e; k++)
		;
	if (m->inquote && k < s->nview)
		return;
	if (k == s->nview && s->nview < VIEW_MAX)
		s->nview++;
	if (k == VIEW_MAX)
		k = VIEW_MAX - 1;		/* the oldest in view leaves */
	memmove(s->view + 1, s->view, (size_t) k * sizeof(int32_t));
	s->view[0] = e;
}

/* The personal pronoun a token is, by what it agrees with (he, she, it), or QA_NONE. */
QAgree
q_pronoun_kind(const QCtx *x, uint32_t t)
{
	static const struct
	{
		const char *word;
		QAgree		kind;
	}			pronouns[] = {
		{"he", QA_MALE}, {"him", QA_MALE}, {"his", QA_MALE},
		{"she", QA_FEMALE}, {"her", QA_FEMALE}, {"hers", QA_FEMALE},
		{"it", QA_THING}, {"its", QA_THING},
	};

	if (!W(x, t, PRONOUN))
		return QA_NONE;
	for (size_t k = 0; k < sizeof(pronouns) / sizeof(pronouns[0]); k++)
		if (nx_tok_ieq(x->doc, t, pronouns[k].word))
			return pronouns[k].kind;
	return QA_NONE;
}

/* Does token t open its sentence or a clause (after a comma or conjunction), a subject's place? */
static int
subject_place(const QCtx *x, uint32_t t)
{
	const NxDoc *doc = x->doc;

	return t == doc->sent[doc->tok[t].sentence].tok ||
		(t > 0 && (is_punct(doc, t - 1, ',') || W(x, t - 1, CONJUNCTION) || is_mark(doc, t - 1)));
}

/*
 * A ranking example at name n, for the trainer: when n is a surname
 * (one word, no given name) of a person in view, opening a sentence or
 * a source (a reporting verb right after it), the features of the
 * entities in view that agree with the pronoun its gender would take,
 * and which is n's own.
 */
static void
example(const QCtx *x, const QSalience *s, const QName *n)
{
	const QEntity *ent = &x->ent[n->entity];
	int32_t		cand[VIEW_MAX];
	float		feat[VIEW_MAX * QF__COUNT];
	QAgree		k = ent->gender == QG_MALE ? QA_MALE : ent->gender == QG_FEMALE ? QA_FEMALE : QA_PERSON;
	int			nc,
				right = -1;

	if (n->last != n->s || n->given || ent->type != QT_PERSON || s->mentions[n->entity] == 0 || n->inquote)
		return;
	if (!s->source_at || !s->source_at[n->s])
		return;					/* a quotation's source, as the pronouns ranked */
	nc = q_salience_candidates(x, s, k, n->s, cand, VIEW_MAX);
	for (int i = 0; i < nc; i++)
	{
		q_salience_features(x, s, cand[i], i, k, n->s, feat + i * QF__COUNT);
		if (cand[i] == n->entity)
			right = i;
	}
	/* where a pronoun could stand: its entity among the last few in view */
	if (right >= 0 && nc > 1 && right < EXAMPLE_RANK_MAX &&
		x->doc->tok[n->s].sentence - s->last[n->entity].sent <= EXAMPLE_SENTENCES_MAX)
		x->opt->speaker_example(x->opt->example_arg, feat, nc, right);
}

/*
 * A ranking example at a pronoun he or she at token t, for the trainer,
 * when gender alone tells its referent: every person in view has a known
 * gender and one only has the pronoun's.  The example ranks all of them
 * with the gender feature left out, so that the weights learn what makes
 * a person the one a pronoun refers to when gender does not tell.
 */
static void
pronoun_example(const QCtx *x, const QSalience *s, QAgree k, uint32_t t)
{
	int32_t		cand[VIEW_MAX];
	float		feat[VIEW_MAX * QF__COUNT];
	uint8_t		g = k == QA_MALE ? QG_MALE : QG_FEMALE;
	int			nc = q_salience_candidates(x, s, QA_PERSON, t, cand, VIEW_MAX),
				right = -1;

	if ((k != QA_MALE && k != QA_FEMALE) || !s->source_at || !s->source_at[t])
		return;
	for (int i = 0; i < nc; i++)
	{
		const QEntity *e = &x->ent[cand[i]];

		if (e->gender == QG_UNKNOWN)
			return;
		if (e->gender == g)
		{
			if (right >= 0)
				return;
			right = i;
		}
		q_salience_features(x, s, cand[i], i, QA_PERSON, t, feat + i * QF__COUNT);
		feat[i * QF__COUNT + QF_GENDER] = 0;
	}
	if (right >= 0 && nc > 1)
		x->opt->speaker_example(x->opt->example_arg, feat, nc, right);
}

/* Read the names and pronouns before token t. */
void
q_salience_advance(QCtx *x, QSalience *s, uint32_t t)
{
	const NxDoc *doc = x->doc;

	for (; s->next_tok < t && s->next_tok < doc->ntok; s->next_tok++)
	{
		uint32_t	i = s->next_tok;
		QMention	m;
		QAgree		k;
		int32_t		e;

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		memset(&m, 0, sizeof(m));
		m.tok = i;
		m.sent = doc->tok[i].sentence;
		m.para = para_of(doc, i);
		m.inquote = x->inquote[i];
		/* a name, at its first token */
		for (; s->next_name < x->nname && x->name[s->next_name].s <= i; s->next_name++)
		{
			const QName *n = &x->name[s->next_name];

			if (n->entity < 0)
				continue;
			m.subject = n->subject;
			m.possessive = n->possessive;
			m.title = n->title;
			if (s->topic < 0 && x->ent[n->entity].type == QT_PERSON)
				s->topic = n->entity;
			if (x->opt && x->opt->speaker_example)
				example(x, s, n);
			mention(s, n->entity, &m);
		}
		/* a personal pronoun outside quotations, resolved as it comes */
		if (m.inquote || (k = q_pronoun_kind(x, i)) == QA_NONE)
			continue;
		if (x->opt && x->opt->speaker_example)
			pronoun_example(x, s, k, i);
		if ((e = q_salience_resolve(x, s, k, i)) < 0)
			continue;
		m.pronoun = 1;
		m.subject = subject_place(x, i) && !nx_tok_ieq(doc, i, "his") && !nx_tok_ieq(doc, i, "him") &&
			!nx_tok_ieq(doc, i, "her") && !nx_tok_ieq(doc, i, "its");
		m.possessive = nx_tok_ieq(doc, i, "his") || nx_tok_ieq(doc, i, "its");
		mention(s, e, &m);
	}
}

/* How many names of the article are read. */
size_t
q_salience_names_read(const QSalience *s)
{
	return s->next_name;
}

/* Entity e spoke a quotation of paragraph para. */
void
q_salience_spoke(QSalience *s, int32_t e, uint32_t para)
{
	s->spoke[e]++;
	s->prev_speaker = e;
	s->prev_para = para;
}

/* Entity e was mentioned by a quotation's source at token t (a name or pronoun). */
void
q_salience_source(QCtx *x, QSalience *s, int32_t e, uint32_t t)
{
	QMention	m;

	memset(&m, 0, sizeof(m));
	m.tok = t;
	m.sent = x->doc->tok[t].sentence;
	m.para = para_of(x->doc, t);
	m.subject = subject_place(x, t);
	m.pronoun = x->name_of[t] < 0;
	mention(s, e, &m);
}

/* The features of entity e, rank-th of those agreeing in view, as the referent of kind k at token t. */
void
q_salience_features(const QCtx *x, const QSalience *s, int32_t e, int rank, QAgree k,
					uint32_t t, float *f)
{
	const NxDoc *doc = x->doc;
	/* where it was last mentioned outside quotations, if it was */
	const QMention *m = s->last_out[e].tok != UINT32_MAX ? &s->last_out[e] : &s->last[e];
	uint32_t	sent = doc->tok[t].sentence,
				back = sent - m->sent;
	uint32_t	n = s->mentions[e];

	memset(f, 0, QF__COUNT * sizeof(float));
	f[QF_BIAS] = 1;
	f[QF_PREV_SPEAKER] = e == s->prev_speaker && s->prev_para + 2 >= para_of(doc, t);
	f[QF_SAME_SENTENCE] = back == 0;
	f[QF_SUBJECT] = m->subject;
	f[back == 0 ? QF_SENTENCES_0 : back == 1 ? QF_SENTENCES_1 : back == 2 ? QF_SENTENCES_2 :
	  back <= 4 ? QF_SENTENCES_4 : QF_SENTENCES_FAR] = 1;
	f[rank == 0 ? QF_RANK_0 : rank == 1 ? QF_RANK_1 : rank == 2 ? QF_RANK_2 : QF_RANK_3] = 1;
	f[n <= 1 ? QF_NAMES_1 : n <= 3 ? QF_NAMES_2 : QF_NAMES_4] = 1;
	f[QF_GENDER] = (k == QA_MALE && x->ent[e].gender == QG_MALE) ||
		(k == QA_FEMALE && x->ent[e].gender == QG_FEMALE);
	f[QF_IN_QUOTE] = s->last[e].inquote;
	f[QF_QUOTED] = s->spoke[e] > 0;
	f[QF_PARAGRAPH] = m->para == para_of(doc, t);
	f[QF_POSSESSIVE] = m->possessive;
	f[QF_PRONOUN] = m->pronoun;
	f[QF_TITLE] = m->title;
	f[QF_TOPIC] = e == s->topic;
}

/* Bytes of a SPEAKERS section's header. */
#define SPEAKERS_HDR		16

/* The largest weight a SPEAKERS section may hold, in absolute value. */
#define SPEAKERS_WEIGHT_MAX 1000.0f

/* The weights of the explicit ordering, used when a model has none. */
void
nx_quotes_speaker_default_weights(float *w)
{
	memcpy(w, default_weights, QF__COUNT * sizeof(float));
}

/* The number of features of the ranking. */
int
nx_quotes_speaker_nfeat(void)
{
	return QF__COUNT;
}

/* Check a model's SPEAKERS section, if it has one: this build's features, finite weights. */
NxStatus
q_speakers_check(const NxModel *m, char *errbuf, size_t errlen)
{
	uint32_t	nfeat;

	if (!m->speakers)
		return NX_OK;
	if (m->speakerslen < SPEAKERS_HDR)
		goto bad;
	memcpy(&nfeat, m->speakers, 4);
	if (nfeat != QF__COUNT)
	{
		snprintf(errbuf, errlen, "newsx quotation model ranks speakers with %u features, this "
				 "build with %d: rebuild the model (make models)", nfeat, (int) QF__COUNT);
		return NX_EBADMODEL;
	}
	if (m->speakerslen != SPEAKERS_HDR + QF__COUNT * sizeof(float))
		goto bad;
	for (int k = 0; k < QF__COUNT; k++)
	{
		float		w;

		memcpy(&w, (const char *) m->speakers + SPEAKERS_HDR + k * sizeof(float), sizeof(float));
		if (!(w >= -SPEAKERS_WEIGHT_MAX && w <= SPEAKERS_WEIGHT_MAX))
			goto bad;
	}
	return NX_OK;
bad:
	snprintf(errbuf, errlen, "newsx model has a malformed speakers section");
	return NX_EBADMODEL;
}

/* A SPEAKERS model section of nfeat weights. */
NxStatus
nx_quotes_speakers_section(const float *w, int nfeat, void **out, size_t *len, const NxAlloc *a)
{
	unsigned char *b = nx_alloc(a, SPEAKERS_HDR + (size_t) nfeat * sizeof(float));
	uint32_t	n = (uint32_t) nfeat;

	*out = b;
	if (!b)
		return NX_ENOMEM;
	memset(b, 0, SPEAKERS_HDR);
	memcpy(b, &n, 4);
	memcpy(b + SPEAKERS_HDR, w, (size_t) nfeat * sizeof(float));
	*len = SPEAKERS_HDR + (size_t) nfeat * sizeof(float);
	return NX_OK;
}

/* The weights of the model's SPEAKERS section (checked on load), or the default ordering's. */
static void
weights(const QCtx *x, float *w)
{
	if (x->m->speakers && x->m->speakerslen == SPEAKERS_HDR + QF__COUNT * sizeof(float))
		memcpy(w, (const char *) x->m->speakers + SPEAKERS_HDR, QF__COUNT * sizeof(float));
	else
		memcpy(w, default_weights, QF__COUNT * sizeof(float));
}

/*
 * The entities in view that agree with kind k at token t, in order, at
 * most max, into cand; returns how many.
 */
int
q_salience_candidates(const QCtx *x, const QSalience *s, QAgree k, uint32_t t,
					  int32_t *cand, int max)
{
	uint32_t	sent = x->doc->tok[t].sentence;
	int			n = 0;

	for (int i = 0; i < s->nview && n < max; i++)
	{
		int32_t		e = s->view[i];

		if (sent - s->last[e].sent > VIEW_SENTENCES || !q_agrees(&x->ent[e], k))
			continue;
		cand[n++] = e;
	}
	return n;
}

/* The entity of kind k in view at token t that scores best, or -1. */
int32_t
q_salience_resolve(const QCtx *x, const QSalience *s, QAgree k, uint32_t t)
{
	float		w[QF__COUNT];
	int32_t		cand[VIEW_MAX],
				best = -1;
	float		best_score = 0;
	int			n = q_salience_candidates(x, s, k, t, cand, VIEW_MAX);

	weights(x, w);
	for (int i = 0; i < n; i++)
	{
		float		f[QF__COUNT],
					score = 0;

		q_salience_features(x, s, cand[i], i, k, t, f);
		for (int j = 0; j < QF__COUNT; j++)
			score += w[j] * f[j];
#ifdef NX_NAMES_TRACE
		{
			const QName *b = &x->name[x->ent[cand[i]].best];

			fprintf(stderr, "  pronoun@%u(%.12s) cand %.*s score %.2f [", t, x->doc->text + x->doc->tok[t > 2 ? t - 2 : t].b,
					(int) (x->doc->tok[b->e - 1].b + x->doc->tok[b->e - 1].blen - x->doc->tok[b->s].b),
					x->doc->text + x->doc->tok[b->s].b, score);
			for (int j = 1; j < QF__COUNT; j++)
				if (f[j] != 0)
					fprintf(stderr, " %d", j);
			fprintf(stderr, " ]\n");
		}
#endif
		if (best < 0 || score > best_score)
		{
			best = cand[i];
			best_score = score;
		}
	}
	return best;
}
