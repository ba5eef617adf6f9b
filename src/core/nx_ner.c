/*
 * nx_ner.c
 *	  NER tagging (nx_ner.h): decoding a document stage by stage, the
 *	  model check, and nx_ner_tag, which makes entities of the labels.
 *
 * The analysis of a document is in nx_ner_doc.c, the feature templates in
 * nx_ner_feats.c; nx_ner_int.h holds what they share.
 */
#include <stdio.h>
#include <string.h>

#include "nx_ner_int.h"

/* Labels of every token with the model. */
NxStatus
nx_ner_doc_decode(NxNerDoc *d, const NxModel *m, int stages, uint8_t *labels,
				  float *prob)
{
	const NxDoc *doc = d->doc;
	NxStatus	st;

	if (stages > (int) m->nstages)
		stages = (int) m->nstages;
	/* a paired model's sums, for this decoding only (the trainers' sequences have none) */
	d->paired = stages > 1 && m->stage[0].pair;
	if (d->paired && (st = nx_ner_doc_pair(d, m->labels.n)) != NX_OK)
		goto done;
	for (int k = 0; k < stages; k++)
	{
		if ((st = nx_ner_doc_stage(d, k > 0 ? labels : NULL)) != NX_OK)
			goto done;
		for (size_t s = 0; s < doc->nsent; s++)
		{
			NxSeq		seq;

			if ((s & 63) == 0)
				nx_check_interrupts(d->a);
			nx_ner_doc_seq(d, s, &seq);
			/* the last stage gives every token its probability */
			nx_tagger_greedy(&m->stage[k], &m->labels, &seq,
							 labels + doc->sent[s].tok,
							 prob && k + 1 == stages ? prob + doc->sent[s].tok : NULL);
		}
	}
	st = NX_OK;
done:
	d->paired = 0;
	return st;
}

/* ---- entry points ---- */

/* Check that a model is an NER model this build can run. */
NxStatus
nx_ner_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	if (strcmp(m->task, "ner") != 0)
	{
		snprintf(errbuf, errlen, "model \"%s\" is a \"%s\" model, not an NER model", m->name, m->task);
		return NX_EBADMODEL;
	}
	if (m->featset != NX_NER_FEATSET)
	{
		snprintf(errbuf, errlen, "model \"%s\" was trained with NER feature set %u, this build has %d",
				 m->name, m->featset, NX_NER_FEATSET);
		return NX_EBADMODEL;
	}
	return nx_model_ready(m, errbuf, errlen);
}

/* Type name of an entity ("" for an index out of range). */
const char *
nx_ner_type_name(const NxModel *m, uint32_t type)
{
	return type < m->labels.ntypes ? m->labels.type_name[type] : "";
}

/* Tag a parsed document. */
NxStatus
nx_ner_tag(const NxModel *m, const NxDoc *doc, NxEntity **out, size_t *n,
		   const NxAlloc *a)
{
	NxNerRes	res = nx_ner_res(m);
	NxNerDoc   *d = NULL;
	uint8_t    *labels = NULL;
	float	   *prob = NULL;
	NxChunk    *ch = NULL;
	NxEntity   *ents = NULL;
	size_t		nch = 0;
	NxStatus	st;

	*out = NULL;
	*n = 0;
	if (doc->ntok == 0)
		return NX_OK;
	st = nx_ner_doc_init(&d, &res, doc, a);
	if (st != NX_OK)
		return st;
	labels = nx_alloc(a, doc->ntok);
	prob = nx_alloc(a, doc->ntok * sizeof(float));
	if (!labels || !prob)
	{
		st = NX_ENOMEM;
		goto done;
	}
	memset(labels, m->labels.outside, doc->ntok);
	st = nx_ner_doc_decode(d, m, (int) m->nstages, labels, prob);
	if (st != NX_OK)
		goto done;

	/* chunks, sentence by sentence (a chunk never crosses a sentence) */
	for (size_t s = 0; s < doc->nsent; s++)
	{
		if ((s & 4095) == 0 || doc->sent[s].ntok > 4096)
			nx_check_interrupts(a);
		nch += nx_labels_chunks(&m->labels, labels + doc->sent[s].tok,
								doc->sent[s].ntok, NULL, 0);
	}
	if (nch == 0)
		goto done;
	ch = nx_alloc(a, nch * sizeof(NxChunk));
	ents = nx_alloc(a, nch * sizeof(NxEntity));
	if (!ch || !ents)
	{
		st = NX_ENOMEM;
		goto done;
	}
	nch = 0;
	for (size_t s = 0; s < doc->nsent; s++)
	{
		const NxSentence *se = &doc->sent[s];
		size_t		k;

		if ((s & 4095) == 0 || se->ntok > 4096)
			nx_check_interrupts(a);
		k = nx_labels_chunks(&m->labels, labels + se->tok, se->ntok,
							 ch + nch, SIZE_MAX);
		for (size_t j = nch; j < nch + k; j++)
		{
			NxEntity   *e = &ents[j];
			const NxToken *first = &doc->tok[se->tok + ch[j].start];
			const NxToken *last = &doc->tok[se->tok + ch[j].end - 1];
			float		conf = 1.0f;

			if ((j & 4095) == 0)
				nx_check_interrupts(a);
			for (uint32_t i = ch[j].start; i < ch[j].end; i++)
				if (prob[se->tok + i] < conf)
					conf = prob[se->tok + i];
			e->tok = se->tok + ch[j].start;
			e->ntok = ch[j].end - ch[j].start;
			e->c = first->c;
			e->clen = nx_tok_cend(last) - first->c;
			e->type = ch[j].type;
			e->conf = conf;
		}
		nch += k;
	}
	*out = ents;
	*n = nch;
	ents = NULL;
done:
	nx_free(a, ents);
	nx_free(a, ch);
	nx_free(a, prob);
	nx_free(a, labels);
	nx_ner_doc_free(d);
	return st;
}
