/*
 * memory.c
 *	  Peak memory of the core's extractions per byte of input: the bytes
 *	  held at once by nx_doc_parse (sentences, tokens), by it and
 *	  nx_entities_extract, and by it and nx_quotes_extract, counted by the
 *	  allocator, divided by the input's length.  The README's table of
 *	  memory per input byte comes from this (make memory).
 *
 *	  test/memory NER_MODEL QUOTES_MODEL FILE...
 *
 * Each FILE is one input, read as UTF-8 text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_alloc.h"
#include "nx_entities.h"
#include "nx_model.h"
#include "nx_quotes.h"
#include "nx_text.h"
#include "testlib.h"

static void
open_model(const char *path, NxModel *m)
{
	void	   *shared;
	char		err[256];

	/* kept for the whole run, as a mapping */
	if (!open_model_file(path, m, &shared, err, sizeof(err)))
	{
		fprintf(stderr, "memory: %s: %s\n", path, err);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	NxModel		ner,
				quotes;

	if (argc < 4)
	{
		fprintf(stderr, "usage: memory NER_MODEL QUOTES_MODEL FILE...\n");
		return 2;
	}
	open_model(argv[1], &ner);
	open_model(argv[2], &quotes);
	printf("%-28s %10s %16s %16s %16s\n", "input", "bytes", "sentences,tokens",
		   "extract_entities", "extract_quotes");
	for (int i = 3; i < argc; i++)
	{
		size_t		len,
					n;
		char	   *text = read_all(argv[i], &len);
		size_t		peak[3];

		if (!text)
		{
			fprintf(stderr, "memory: cannot read %s\n", argv[i]);
			return 1;
		}

		for (int k = 0; k < 3; k++)
		{
			Held		h = {0, 0};
			NxAlloc		a = {h_alloc, h_realloc, h_free, h_interrupts, &h};
			NxDoc		d;
			void	   *rows = NULL;

			if (nx_doc_parse(&d, text, len, &a) != NX_OK ||
				(k == 1 && nx_entities_extract(&ner, &d, (NxEnt **) &rows, &n, &a) != NX_OK) ||
				(k == 2 && nx_quotes_extract(&quotes, &d, (NxQuote **) &rows, &n, &a) != NX_OK))
			{
				fprintf(stderr, "memory: extraction failed on %s\n", argv[i]);
				return 1;
			}
			nx_free(&a, rows);
			nx_doc_free(&d);
			peak[k] = h.peak;
		}
		/* the input's own copy counts too, as in a backend */
		printf("%-28s %10zu %16.1f %16.1f %16.1f\n", argv[i], len,
			   1.0 + (double) peak[0] / len, 1.0 + (double) peak[1] / len,
			   1.0 + (double) peak[2] / len);
		free(text);
	}
	return 0;
}
