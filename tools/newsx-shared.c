/*
 * newsx-shared.c
 *	  Write the shared resources file (data/shared-en.model): what more
 *	  than one model reads, on disk and in each backend's page cache once.
 *	  Today that is the Brown clusters both taggers look words up in; a
 *	  model trained with --shared names this file (its SHARED section) and
 *	  reads its clusters from it.
 *
 * Build from the project root (links the core and tools/trainlib.c only):
 *
 *	 make tools
 *
 * `make models` (tools/build-models) runs, before training the models:
 *
 *	 tools/newsx-shared --clusters data/clusters.txt --out data/shared-en.model
 *
 * The file is deterministic: the same clusters give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_model.h"
#include "trainlib.h"

const char *progname = "newsx-shared";

int
main(int argc, char **argv)
{
	TrainOpts	o = {0};
	const Opt	own[] = {{NULL}};
	Blob		clsec = {NULL, 0};
	NxClusters	cl;
	char		meta[256];

	o.name = "shared-en";
	parse_options(argc, argv, &o, own,
				  "usage: newsx-shared --clusters FILE --out FILE [--name NAME]\n");
	if (!o.clusters || !o.out || o.train || o.model || o.shared)
		usage();
	clusters_section(o.clusters, 1, &clsec, &cl);
	snprintf(meta, sizeof(meta), "written by newsx-shared: clusters=%u words\n", cl.n);
	write_shared(o.out, o.name, &clsec, meta);
	free(clsec.p);
	return 0;
}
