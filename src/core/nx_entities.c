/*
 * nx_entities.c
 *	  From tagged mentions to the entities SQL returns (nx_entities.h):
 *	  the entry points, the passes in order, the canonical strings and
 *	  keys, and the result.
 *
 * nx_entities_from_mentions runs its passes over one context (EntCtx,
 * nx_entities_int.h, which lists them): clean (nx_entities_clean.c),
 * then group, link keys and canonical (nx_entities_group.c), then
 * strings and result here.
 *
 * Everything returned lives in one block: the NxEnt array, then the
 * strings (one canonical and one key per group used as a canonical form).
 */
#include "nx_entities_int.h"

#include <string.h>

#include "nx_key.h"

/* Index of the lowest class of a lexicon's group (NxLexicon), or -1. */
static int
first_class(uint32_t group)
{
	for (int c = 0; c < NX_LEX_MAX_CLASSES; c++)
		if ((group >> c) & 1)
			return c;
	return -1;
}

/* Model type index of a name, or -1. */
static int
model_type(const NxModel *m, const char *name)
{
	for (uint32_t t = 0; t < m->labels.ntypes; t++)
		if (strcmp(m->labels.type_name[t], name) == 0)
			return (int) t;
	return -1;
}

/* Reader's name of a model type. */
const char *
nx_entity_type_name(const NxModel *m, uint32_t type)
{
	static const char *const map[][2] = {
		{"PER", "PERSON"}, {"PERSON", "PERSON"}, {"ORG", "ORG"},
		{"LOC", "LOC"}, {"MISC", "MISC"}
	};
	const char *n = nx_ner_type_name(m, type);

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(n, map[i][0]) == 0)
			return map[i][1];
	return n;
}

/* ---- strings ---- */

/* Make room for more bytes; 0 if there is none. */
static int
buf_reserve(Buf *b, size_t more)
{
	size_t		cap = b->cap ? b->cap : 256;
	char	   *p;

	if (more > NX_MAX_INPUT || b->len > NX_MAX_INPUT - more)
		return 0;
	if (b->len + more <= b->cap)
		return 1;
	while (cap < b->len + more)
		cap *= 2;
	p = nx_grow(b->a, b->p, 1, &b->cap, cap);
	if (!p)
		return 0;
	b->p = p;
	return 1;
}

/* Append n bytes. */
static int
buf_put(Buf *b, const void *s, size_t n)
{
	if (!buf_reserve(b, n))
		return 0;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return 1;
}

/* Append tokens [s, s + n) with one space where the text has white space. */
static int
put_surface(Buf *b, const NxDoc *doc, uint32_t s, uint32_t n)
{
	for (uint32_t i = s; i < s + n; i++)
	{
		const NxToken *t = &doc->tok[i];

		if (i > s && (t->flags & (NX_TF_SPACE_BEFORE | NX_TF_LINE_BEFORE | NX_TF_PARA_BEFORE)))
			if (!buf_put(b, " ", 1))
				return 0;
		if (!buf_put(b, doc->text + t->b, t->blen))
			return 0;
	}
	return 1;
}

/* ---- the passes ---- */

/* The canonical form and key of group c, appended to the pool. */
static NxStatus
group_strings(EntCtx *x, Group *c)
{
	const Ment *s = &x->me[c->surface];
	const char *tn = nx_entity_type_name(x->m, c->type);
	size_t		start = x->pool.len;
	char	   *key;
	int			ok;

	if (!put_surface(&x->pool, x->doc, s->tok, s->ntok) || !buf_put(&x->pool, "", 1))
		return NX_ENOMEM;
	c->str = (uint32_t) start;
	c->keystr = (uint32_t) x->pool.len;
	key = nx_key_make(tn, x->pool.p + start, c->keystr - start - 1, x->a);
	ok = key && buf_put(&x->pool, key, strlen(key) + 1);
	nx_free(x->a, key);
	if (!ok)
		return NX_ENOMEM;
	if (x->pool.len > UINT32_MAX)
		return NX_ETOOBIG;
	return NX_OK;
}

/* Pass strings: the canonical form and key of every group used as one. */
static NxStatus
ents_strings(EntCtx *x)
{
	for (size_t i = 0; i < x->nm; i++)
	{
		Group	   *c = &x->gr[x->me[i].canon];
		NxStatus	st;

		if (c->str != UINT32_MAX)
			continue;
		st = group_strings(x, c);
		if (st != NX_OK)
			return st;
	}
	return NX_OK;
}

/* Pass result: one block, the NxEnt array and then the strings. */
static NxStatus
ents_result(EntCtx *x, NxEnt **out, size_t *n)
{
	const NxDoc *doc = x->doc;
	NxEnt	   *res = nx_alloc(x->a, x->nm * sizeof(NxEnt) + x->pool.len);
	char	   *strs;

	if (!res)
		return NX_ENOMEM;
	strs = (char *) (res + x->nm);
	memcpy(strs, x->pool.p, x->pool.len);
	for (size_t i = 0; i < x->nm; i++)
	{
		const Ment *e = &x->me[i];
		const NxToken *f = &doc->tok[e->tok];
		const NxToken *l = &doc->tok[e->tok + e->ntok - 1];
		const Group *c = &x->gr[e->canon];
		NxEnt	   *r = &res[i];

		r->c = f->c;
		r->clen = nx_tok_cend(l) - f->c;
		r->b = f->b;
		r->blen = l->b + l->blen - f->b;
		r->tok = e->tok;
		r->ntok = e->ntok;
		r->sentence = f->sentence;
		r->conf = e->conf;
		r->type = nx_entity_type_name(x->m, e->type);
		r->canonical = strs + c->str;
		r->key = strs + c->keystr;
	}
	*out = res;
	*n = x->nm;
	return NX_OK;
}

/*
 * The passes after clean, over the mentions it left: groups, link keys,
 * canonical groups, their strings, the result.
 */
static NxStatus
ents_resolve(EntCtx *x, NxEnt **out, size_t *n)
{
	NxStatus	st;

	if ((st = nx_ents_group(x)) != NX_OK)
		return st;
	if ((st = nx_ents_link_keys(x)) != NX_OK)
		return st;
	nx_ents_canonical(x);
	if ((st = ents_strings(x)) != NX_OK)
		return st;
	return ents_result(x, out, n);
}

/* A context for the passes: the model's types and lexicon classes they read. */
static void
ctx_init(EntCtx *x, const NxModel *m, const NxDoc *doc, const NxAlloc *a)
{
	memset(x, 0, sizeof(*x));
	x->m = m;
	x->doc = doc;
	x->a = a;
	x->per = model_type(m, "PER");
	x->org = model_type(m, "ORG");
	x->loc = model_type(m, "LOC");
	x->misc = model_type(m, "MISC");
	x->title_cls = first_class(m->lex.title_classes);
	x->event_cls = first_class(m->lex.event_classes);
	x->nt = m->labels.ntypes;
	x->places = m->lex.place_classes;
	x->orgs = m->lex.org_classes;
	x->pool.a = a;
}

/* Release what the passes allocated (not the result). */
static void
ctx_free(EntCtx *x)
{
	nx_free(x->a, x->pool.p);
	nx_ents_groups_free(x);
	nx_free(x->a, x->me);
}

/* The post-processing; see nx_entities.h. */
NxStatus
nx_entities_from_mentions(const NxModel *m, const NxDoc *doc,
						  const NxEntity *in, size_t nin,
						  NxEnt **out, size_t *n, const NxAlloc *a)
{
	EntCtx		x;
	NxStatus	st;

	*out = NULL;
	*n = 0;
	if (nin == 0)
		return NX_OK;
	ctx_init(&x, m, doc, a);
	if (nin > UINT32_MAX / 4 || x.nt == 0)
		return NX_ETOOBIG;
	st = nx_ents_clean(&x, in, nin);
	if (st == NX_OK && x.nm > 0)
		st = ents_resolve(&x, out, n);
	ctx_free(&x);
	return st;
}

/* Tag a document and post-process its mentions. */
NxStatus
nx_entities_extract(const NxModel *m, const NxDoc *doc, NxEnt **out,
					size_t *n, const NxAlloc *a)
{
	NxEntity   *ments = NULL;
	size_t		nments = 0;
	NxStatus	st;

	*out = NULL;
	*n = 0;
	st = nx_ner_tag(m, doc, &ments, &nments, a);
	if (st != NX_OK)
		return st;
	st = nx_entities_from_mentions(m, doc, ments, nments, out, n, a);
	nx_free(a, ments);
	return st;
}
