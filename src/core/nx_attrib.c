/*
 * nx_attrib.c
 *	  The attribution tagger (nx_attrib.h): the model check and decoding
 *	  a document, stage 1 then stage 2, paragraph by paragraph.
 *
 * The analysis of a document is in nx_attrib_doc.c, the feature
 * templates in nx_attrib_feats.c; nx_attrib_int.h holds what they share.
 */
#include <stdio.h>

#include "nx_attrib_int.h"

/* Check that a model is an attribution model this build can run. */
NxStatus
nx_attrib_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	if (strcmp(m->task, NX_ATTRIB_TASK) != 0 || m->featset != NX_ATTRIB_FEATSET ||
		m->nstages != 2)
	{
		snprintf(errbuf, errlen, "model \"%s\" is not a quotation model of feature set %d",
				 m->name, NX_ATTRIB_FEATSET);
		return NX_EBADMODEL;
	}
	if (label_of(&m->labels, NX_ATTRIB_CONTENT, NX_LP_B) == 0xFF ||
		label_of(&m->labels, NX_ATTRIB_CUE, NX_LP_B) == 0xFF ||
		label_of(&m->labels, NX_ATTRIB_SRC, NX_LP_B) == 0xFF)
	{
		snprintf(errbuf, errlen, "model \"%s\" lacks the CONTENT, CUE or SRC labels", m->name);
		return NX_EBADMODEL;
	}
	return nx_model_ready(m, errbuf, errlen);
}

/* Keep only the labels of one stage's roles (others become O). */
static void
keep_roles(const NxAttribDoc *d, uint8_t *lab, size_t n, int stage)
{
	for (size_t i = 0; i < n; i++)
	{
		int			is_content = lab[i] == d->lab_content[0] || lab[i] == d->lab_content[1];

		if ((stage == 1) == is_content)
			lab[i] = d->labels->outside;
	}
}

/* Label every token with both stages. */
NxStatus
nx_attrib_doc_decode(NxAttribDoc *d, const NxModel *m, uint8_t *stage1, uint8_t *stage2)
{
	NxStatus	st;
	size_t		n = d->doc->ntok;

	memset(stage1, d->labels->outside, n);
	memset(stage2, d->labels->outside, n);
	d->shortcut = 1;
	for (size_t p = 0; p < d->npara; p++)
	{
		NxSeq		seq;

		nx_check_interrupts(d->a);
		if (!nx_attrib_doc_active(d, 1, p))
			continue;
		for (size_t k = 0; nx_attrib_doc_seq(d, 1, p, k, &seq) > 0; k += seq.ntok)
		{
			nx_check_interrupts(d->a);
			nx_tagger_greedy(&m->stage[0], &m->labels, &seq, stage1 + d->para_tok[p] + k, NULL);
		}
	}
	keep_roles(d, stage1, n, 1);
	st = nx_attrib_doc_stage(d, stage1);
	if (st != NX_OK)
		return st;
	for (size_t p = 0; p < d->npara; p++)
	{
		NxSeq		seq;

		nx_check_interrupts(d->a);
		if (!nx_attrib_doc_active(d, 2, p))
			continue;
		for (size_t k = 0; nx_attrib_doc_seq(d, 2, p, k, &seq) > 0; k += seq.ntok)
		{
			nx_check_interrupts(d->a);
			nx_tagger_greedy(&m->stage[1], &m->labels, &seq, stage2 + d->para_tok[p] + k, NULL);
		}
	}
	keep_roles(d, stage2, n, 2);
	return NX_OK;
}
