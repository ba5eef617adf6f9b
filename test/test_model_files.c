/*
 * test_model_files.c
 *	  The shipped model files (data/ner-en.model, data/quotes-en.model and
 *	  the shared resources file both read, data/shared-en.model) against
 *	  the damage a file on disk meets: cut short, a byte changed, another
 *	  format version, an empty file, a file of another task, a shared file
 *	  missing or of another build.  Each gives NX_EBADMODEL and a
 *	  message saying what is wrong (the SQL layer turns it into
 *	  config_file_error with a hint), never a crash.  Run from the
 *	  repository's root, as make unit does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_model.h"
#include "nx_ner.h"
#include "nx_quotes.h"

void		test_model_files_damaged(void);

/* A file in a 64-byte aligned buffer (as mmap gives), or NULL. */
static unsigned char *
load(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	void	   *b = NULL;
	long		n = 0;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
		posix_memalign(&b, 64, (size_t) n) != 0 || fread(b, 1, (size_t) n, f) != (size_t) n)
	{
		free(b);
		b = NULL;
	}
	fclose(f);
	*len = (size_t) n;
	return b;
}

/* Does opening b[0..len) fail with a message containing want? */
static int
fails_with(const unsigned char *b, size_t len, const char *want)
{
	NxModel		m;
	char		err[256] = "";

	if (nx_model_open(b, len, &m, err, sizeof(err)) != NX_EBADMODEL)
		return 0;
	if (!strstr(err, want))
	{
		fprintf(stderr, "model error \"%s\" does not say \"%s\"\n", err, want);
		return 0;
	}
	return 1;
}

void
test_model_files_damaged(void)
{
	static const char *const files[] = {"data/ner-en.model", "data/quotes-en.model",
	"data/shared-en.model"};
	size_t		shlen = 0;
	unsigned char *shb = load("data/shared-en.model", &shlen);
	NxModel		sh;
	char		sherr[256];

	CHECK(shb != NULL);
	CHECK(shb && nx_model_open(shb, shlen, &sh, sherr, sizeof(sherr)) == NX_OK);
	CHECK(shb && strcmp(sh.task, NX_SHARED_TASK) == 0);

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++)
	{
		size_t		len;
		unsigned char *b = load(files[f], &len);
		unsigned char *c;
		NxModel		m;
		char		err[256];
		uint32_t	v;

		if (!b)
		{
			fprintf(stderr, "%s not found: skipped\n", files[f]);
			continue;
		}
		c = malloc(len);
		CHECK(c != NULL);
		if (!c)
		{
			free(b);
			continue;
		}

		/* intact: opens, and is a model of its own task only */
		CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
		if (strcmp(m.task, NX_SHARED_TASK) == 0)
		{
			/* no tagger: neither task's model */
			CHECK(nx_ner_check_model(&m, err, sizeof(err)) == NX_EBADMODEL);
			CHECK(nx_quotes_check_model(&m, err, sizeof(err)) == NX_EBADMODEL);
		}
		else if (shb)
		{
			NxModel		again = m;
			int			ner = strcmp(m.task, "ner") == 0;

			/* not usable until given its shared file, and only the right one */
			CHECK(strcmp(m.shared_name, "shared-en") == 0);
			CHECK(nx_model_ready(&m, err, sizeof(err)) == NX_EBADMODEL &&
				  strstr(err, "shared-en") != NULL);
			CHECK((ner ? nx_ner_check_model : nx_quotes_check_model) (&m, err, sizeof(err)) == NX_EBADMODEL);
			CHECK(nx_model_attach(&m, NULL, err, sizeof(err)) == NX_EBADMODEL);
			CHECK(nx_model_attach(&m, &again, err, sizeof(err)) == NX_EBADMODEL &&
				  strstr(err, "not a") != NULL);
			again.shared_checksum ^= 1;
			CHECK(nx_model_attach(&again, &sh, err, sizeof(err)) == NX_EBADMODEL &&
				  strstr(err, "of one release together") != NULL);
			CHECK(nx_model_ready(&again, err, sizeof(err)) == NX_EBADMODEL);
			CHECK(nx_model_attach(&m, &sh, err, sizeof(err)) == NX_OK);
			CHECK(m.clusters.n == sh.clusters.n && m.clusters.packed == sh.clusters.packed);

			/* then a model of its own task only */
			CHECK(nx_ner_check_model(&m, err, sizeof(err)) == (ner ? NX_OK : NX_EBADMODEL));
			CHECK(nx_quotes_check_model(&m, err, sizeof(err)) == (ner ? NX_EBADMODEL : NX_OK));
		}

		/* empty, cut inside the header, cut short, one byte short */
		CHECK(fails_with(b, 0, "not a newsx model"));
		CHECK(fails_with(b, 40, "truncated"));
		CHECK(fails_with(b, len / 2, "truncated"));
		CHECK(fails_with(b, len - 1, "truncated"));

		/* not a model at all */
		memcpy(c, b, len);
		memcpy(c, "PK\x03\x04", 4);
		CHECK(fails_with(c, len, "not a newsx model"));

		/* another format version */
		memcpy(c, b, len);
		v = NX_MODEL_VERSION + 1;
		memcpy(c + 8, &v, 4);
		CHECK(fails_with(c, len, "version"));

		/* one byte changed in the section table, the weights, the end */
		memcpy(c, b, len);
		c[70] ^= 1;
		CHECK(fails_with(c, len, "checksum"));
		c[70] ^= 1;
		c[len / 3] ^= 0x80;
		CHECK(fails_with(c, len, "checksum"));
		c[len / 3] ^= 0x80;
		c[len - 1] ^= 0xFF;
		CHECK(fails_with(c, len, "checksum"));

		/* longer than its header says (appended to) */
		{
			unsigned char *d = NULL;

			if (posix_memalign((void **) &d, 64, len + 64) == 0)
			{
				memcpy(d, b, len);
				memset(d + len, 0, 64);
				CHECK(fails_with(d, len + 64, "wrong size"));
				free(d);
			}
		}
		free(c);
		free(b);
	}
	free(shb);
}
