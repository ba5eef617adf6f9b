/*
 * newsx.h
 *	  Shared helpers of the SQL layer: the palloc-backed core allocator,
 *	  text in and out of the core's UTF-8, and error reporting.
 */
#ifndef NEWSX_H
#define NEWSX_H

#include "postgres.h"

#include "fmgr.h"

#include "nx_alloc.h"
#include "nx_model.h"
#include "nx_text.h"

/* The body of an SQL text argument as UTF-8 (converted if need be). */
typedef struct NewsxText
{
	const char *data;
	size_t		len;
} NewsxText;

/* An NxAlloc over CurrentMemoryContext, with CHECK_FOR_INTERRUPTS. */
extern void newsx_alloc_init(NxAlloc *a);

/* Read a text datum as UTF-8; raises a clear error where that is impossible. */
extern NewsxText newsx_text_in(text *t);

/* Make a text datum from UTF-8 bytes (converted to the server encoding). */
extern text *newsx_text_out(const char *utf8, size_t len);

/*
 * Set up a set-returning function's result as a tuplestore
 * (InitMaterializedSRF), with the row type the executor expects when it
 * passes one.
 */
extern void newsx_init_srf(FunctionCallInfo fcinfo);

/* Parse a document, raising an error on failure. */
extern void newsx_doc_parse(NxDoc *doc, NewsxText body, const NxAlloc *a);

/* Raise the error for a core status (never returns for status != NX_OK). */
extern void newsx_check_status(NxStatus st, const char *what);

/* The model of a task ("ner", "quotes") by name; loaded once per backend. */
extern const NxModel *newsx_model(const char *task, text *name);

/* A 1-based SQL position from a 0-based core character offset. */
static inline int32
newsx_pos(uint32_t c)
{
	return (int32) c + 1;
}

#endif							/* NEWSX_H */
