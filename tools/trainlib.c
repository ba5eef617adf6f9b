/*
 * trainlib.c
 *	  The trainers' shared code (trainlib.h): files, options, JSON lines,
 *	  model sections, chunk scores, the epoch loop and stage-1 labels by
 *	  folds.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_alloc.h"
#include "nx_fold.h"
#include "nx_hash.h"
#include "trainlib.h"

static const NxAlloc *A = &nx_malloc_alloc;

/* ---- errors, memory, files ---- */

/* Print a message after the trainer's name and exit. */
void
die(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Zeroed memory, or exit. */
void *
xalloc(size_t n)
{
	void	   *p = calloc(1, n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

/* realloc, or exit. */
void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* A copy of a string, or exit. */
char *
xstrdup(const char *s)
{
	size_t		n = strlen(s) + 1;
	char	   *p = xalloc(n);

	memcpy(p, s, n);
	return p;
}

/* Read a whole file into a new buffer. */
void *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	void	   *buf;
	long		n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		die("cannot read %s", path);
	/* 64-byte aligned, as a mapped file is: model rows sit in cache lines as they do in a backend */
	if (posix_memalign(&buf, 64, (size_t) n + 8) != 0)
		die("out of memory");
	memset(buf, 0, (size_t) n + 8);
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
		die("cannot read %s", path);
	fclose(f);
	*len = (size_t) n;
	return buf;
}

/* Write a whole file. */
void
write_file(const char *path, const void *buf, size_t len)
{
	FILE	   *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		die("cannot write %s: %s", path, strerror(errno));
}

/* Seconds on a monotonic clock. */
double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Open a file to read by lines. */
void
lines_open(Lines *l, const char *path)
{
	memset(l, 0, sizeof(*l));
	l->path = path;
	l->f = fopen(path, "r");
	if (!l->f)
		die("cannot open %s: %s", path, strerror(errno));
}

/* The next line without its line end; -1 at the end of the file. */
ssize_t
lines_next(Lines *l)
{
	ssize_t		r = getline(&l->line, &l->cap, l->f);

	if (r < 0)
		return -1;
	l->lineno++;
	while (r > 0 && (l->line[r - 1] == '\n' || l->line[r - 1] == '\r'))
		l->line[--r] = '\0';
	return r;
}

/* Close a file read by lines. */
void
lines_close(Lines *l)
{
	free(l->line);
	fclose(l->f);
	l->line = NULL;
	l->f = NULL;
}

/* ---- options ---- */

#define NCOMMON 15				/* rows of the common options, with the last NULL */

static TrainOpts *opt_common;
static const Opt *opt_own;
static const char *opt_synopsis;

/* The rows of the options both trainers take, pointing into o. */
static void
common_rows(TrainOpts *o, Opt rows[NCOMMON])
{
	const Opt	r[NCOMMON] = {
		{"--train", OPT_STR, &o->train, "FILE", "training data"},
		{"--dev", OPT_STR, &o->dev, "FILE", "with --train: the data that chooses each stage's epochs;\n"
		"with --model: the data to run the model over"},
		{"--out", OPT_STR, &o->out, "MODEL", "the model file to write"},
		{"--model", OPT_STR, &o->model, "MODEL", "run this model over --dev instead of training"},
		{"--lexicon", OPT_STR, &o->lexicon, "DIR", "word lists: one .txt file a list"},
		{"--clusters", OPT_STR, &o->clusters, "FILE", "Brown clusters (bits TAB word [TAB count])"},
		{"--shared", OPT_STR, &o->shared, "FILE", "a shared resources file whose clusters the model reads\n"
		"(instead of --clusters; the model names the file)"},
		{"--name", OPT_STR, &o->name, "NAME", "model name"},
		{"--epochs", OPT_INT, &o->epochs, "N", "most training epochs per stage"},
		{"--bits", OPT_INT, &o->bits, "B", "log2 of weight buckets"},
		{"--folds", OPT_INT, &o->folds, "K", "folds for the stage-1 labels stage 2 trains on"},
		{"--seed", OPT_ULONG, &o->seed, "N", "shuffling seed"},
		{"--bench", OPT_INT, &o->bench, "N", "with --model: time N passes over --dev"},
		{"-v", OPT_FLAG, &o->verbose, NULL, "progress per epoch"},
		{NULL}
	};

	memcpy(rows, r, sizeof(r));
}

/* Print one table of options, each with its default. */
static void
print_rows(const Opt *rows)
{
	for (const Opt *r = rows; r->name; r++)
	{
		char		head[64];

		if (!r->help)
			continue;
		snprintf(head, sizeof(head), "%s%s%s", r->name, r->arg ? " " : "", r->arg ? r->arg : "");
		fprintf(stderr, "  %-17s ", head);
		for (const char *h = r->help; *h; h++)
			if (*h == '\n')
				fprintf(stderr, "\n%20s", "");
			else
				fputc(*h, stderr);
		if (r->kind == OPT_STR && *(const char **) r->var)
			fprintf(stderr, " (default %s)", *(const char **) r->var);
		else if (r->kind == OPT_INT && *(int *) r->var)
			fprintf(stderr, " (default %d)", *(int *) r->var);
		else if (r->kind == OPT_ULONG && *(unsigned long *) r->var)
			fprintf(stderr, " (default %lu)", *(unsigned long *) r->var);
		fputc('\n', stderr);
	}
}

/* Print the usage and exit. */
void
usage(void)
{
	Opt			rows[NCOMMON];

	fprintf(stderr, "%s", opt_synopsis);
	fprintf(stderr, "options:\n");
	common_rows(opt_common, rows);
	print_rows(rows);
	print_rows(opt_own);
	exit(2);
}

/* Take the value of the option at argv[*i], if the row is its. */
static int
take_option(const Opt *rows, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	for (const Opt *r = rows; r->name; r++)
	{
		const char *v;

		if (strcmp(a, r->name) != 0)
			continue;
		if (r->kind == OPT_FLAG)
		{
			*(int *) r->var = 1;
			return 1;
		}
		if (*i + 1 >= argc)
			return 0;
		v = argv[++*i];
		if (r->kind == OPT_STR)
			*(const char **) r->var = v;
		else if (r->kind == OPT_INT)
			*(int *) r->var = atoi(v);
		else
			*(unsigned long *) r->var = strtoul(v, NULL, 10);
		return 1;
	}
	return 0;
}

/* Read the options of argv. */
void
parse_options(int argc, char **argv, TrainOpts *o, const Opt *own, const char *synopsis)
{
	Opt			rows[NCOMMON];

	opt_common = o;
	opt_own = own;
	opt_synopsis = synopsis;
	common_rows(o, rows);
	for (int i = 1; i < argc; i++)
		if (!take_option(rows, argc, argv, &i) && !take_option(own, argc, argv, &i))
			usage();
}

/* ---- JSON lines ---- */

/* Skip white space. */
static void
json_ws(Json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* The next line that is not blank. */
int
jsonl_next(Lines *l, Json *j)
{
	ssize_t		r;

	while ((r = lines_next(l)) >= 0)
	{
		j->p = l->line;
		j->end = l->line + r;
		j->err = 0;
		json_ws(j);
		if (j->p < j->end)
			return 1;
	}
	return 0;
}

/* Take c if it comes next. */
int
json_eat(Json *j, char c)
{
	json_ws(j);
	if (j->p < j->end && *j->p == c)
	{
		j->p++;
		return 1;
	}
	return 0;
}

/* Four hex digits of a \u escape. */
static uint32_t
json_hex4(Json *j)
{
	uint32_t	v = 0;

	if (j->end - j->p < 4)
	{
		j->err = 1;
		return 0;
	}
	for (int k = 0; k < 4; k++)
	{
		char		c = *j->p++;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t) (c - '0');
		else if ((c | 32) >= 'a' && (c | 32) <= 'f')
			v |= (uint32_t) ((c | 32) - 'a' + 10);
		else
			j->err = 1;
	}
	return v;
}

/* Append code point u as UTF-8. */
static size_t
put_utf8(char *out, size_t n, uint32_t u)
{
	if (u < 0x80)
		out[n++] = (char) u;
	else if (u < 0x800)
	{
		out[n++] = (char) (0xC0 | (u >> 6));
		out[n++] = (char) (0x80 | (u & 0x3F));
	}
	else if (u < 0x10000)
	{
		out[n++] = (char) (0xE0 | (u >> 12));
		out[n++] = (char) (0x80 | ((u >> 6) & 0x3F));
		out[n++] = (char) (0x80 | (u & 0x3F));
	}
	else
	{
		out[n++] = (char) (0xF0 | (u >> 18));
		out[n++] = (char) (0x80 | ((u >> 12) & 0x3F));
		out[n++] = (char) (0x80 | ((u >> 6) & 0x3F));
		out[n++] = (char) (0x80 | (u & 0x3F));
	}
	return n;
}

/*
 * A string decoded to UTF-8: escapes, surrogate pairs as one code point,
 * a lone surrogate as U+FFFD.  The decoded string is never longer than
 * the JSON text of it.
 */
char *
json_string(Json *j, size_t *len)
{
	char	   *out;
	size_t		n = 0;

	if (!json_eat(j, '"'))
	{
		j->err = 1;
		return NULL;
	}
	out = xalloc((size_t) (j->end - j->p) + 1);
	while (j->p < j->end && *j->p != '"')
	{
		char		c = *j->p++;
		uint32_t	u;

		if (c != '\\')
		{
			out[n++] = c;
			continue;
		}
		c = j->p < j->end ? *j->p++ : '\0';
		switch (c)
		{
			case 'n':
				out[n++] = '\n';
				break;
			case 't':
				out[n++] = '\t';
				break;
			case 'r':
				out[n++] = '\r';
				break;
			case 'b':
				out[n++] = '\b';
				break;
			case 'f':
				out[n++] = '\f';
				break;
			case 'u':
				u = json_hex4(j);
				if (u >= 0xD800 && u < 0xDC00 && j->end - j->p >= 6 &&
					j->p[0] == '\\' && j->p[1] == 'u')
				{
					Json		k = {j->p + 2, j->end, 0};
					uint32_t	lo = json_hex4(&k);

					if (!k.err && lo >= 0xDC00 && lo < 0xE000)
					{
						u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
						j->p = k.p;
					}
				}
				if (u >= 0xD800 && u < 0xE000)
					u = 0xFFFD;
				n = put_utf8(out, n, u);
				break;
			default:
				out[n++] = c;
		}
	}
	if (!json_eat(j, '"'))
		j->err = 1;
	out[n] = '\0';
	if (len)
		*len = n;
	return out;
}

/* An integer. */
long
json_int(Json *j)
{
	char	   *e;
	long		v;

	json_ws(j);
	v = strtol(j->p, &e, 10);
	if (e == j->p || e > j->end)
		j->err = 1;
	else
		j->p = e;
	return v;
}

/* Skip any value. */
void
json_skip(Json *j)
{
	json_ws(j);
	if (j->p >= j->end)
		j->err = 1;
	else if (*j->p == '"')
		free(json_string(j, NULL));
	else if (*j->p == '[' || *j->p == '{')
	{
		char		close = *j->p == '[' ? ']' : '}';

		j->p++;
		if (json_eat(j, close))
			return;
		do
		{
			if (close == '}')
			{
				free(json_string(j, NULL));
				if (!json_eat(j, ':'))
					j->err = 1;
			}
			json_skip(j);
		} while (!j->err && json_eat(j, ','));
		if (!json_eat(j, close))
			j->err = 1;
	}
	else
		while (j->p < j->end && !strchr(",]} \t\r\n", *j->p))
			j->p++;
}

/* Read an object, member by member. */
void
json_object(Json *j, int (*member) (void *ctx, const char *key, Json *j), void *ctx)
{
	if (!json_eat(j, '{'))
	{
		j->err = 1;
		return;
	}
	if (json_eat(j, '}'))
		return;
	do
	{
		char	   *k = json_string(j, NULL);

		if (j->err || !json_eat(j, ':'))
			j->err = 1;
		else if (!member(ctx, k, j))
			json_skip(j);
		free(k);
	} while (!j->err && json_eat(j, ','));
	if (!j->err && !json_eat(j, '}'))
		j->err = 1;
}

/* Read an array, element by element. */
void
json_array(Json *j, void (*elem) (void *ctx, Json *j), void *ctx)
{
	if (!json_eat(j, '['))
	{
		j->err = 1;
		return;
	}
	if (json_eat(j, ']'))
		return;
	do
		elem(ctx, j);
	while (!j->err && json_eat(j, ','));
	if (!j->err && !json_eat(j, ']'))
		j->err = 1;
}

/* What jsonl_doc passes to json_object. */
typedef struct DocRead
{
	JsonDoc    *d;
	int			(*member) (void *ctx, const char *key, Json *j);
	void	   *ctx;
} DocRead;

/* A member of a document: id and text here, the rest for the trainer. */
static int
doc_member(void *ctx, const char *key, Json *j)
{
	DocRead    *r = ctx;

	if (strcmp(key, "id") == 0)
	{
		free(r->d->id);
		r->d->id = json_string(j, NULL);
	}
	else if (strcmp(key, "text") == 0)
	{
		free(r->d->text);
		r->d->text = json_string(j, &r->d->textlen);
	}
	else
		return r->member ? r->member(r->ctx, key, j) : 0;
	return 1;
}

/* Read the next document of a JSON lines file. */
int
jsonl_doc(Lines *l, JsonDoc *d, int (*member) (void *ctx, const char *key, Json *j), void *ctx)
{
	Json		j;
	DocRead		r = {d, member, ctx};

	memset(d, 0, sizeof(*d));
	if (!jsonl_next(l, &j))
		return 0;
	json_object(&j, doc_member, &r);
	if (j.err)
		die("%s:%zu: bad JSON", l->path, l->lineno);
	if (!d->id)
		d->id = xstrdup("");
	return 1;
}

/* Spans being read. */
typedef struct SpanList
{
	JsonSpan   *s;
	size_t		n;
	size_t		cap;
} SpanList;

/* One span: [start, end], [start, end, "label"], more elements skipped. */
static void
json_span(void *ctx, Json *j)
{
	SpanList   *l = ctx;
	JsonSpan	sp = {0, 0, NULL};

	if (!json_eat(j, '['))
	{
		j->err = 1;
		return;
	}
	sp.s = (uint32_t) json_int(j);
	if (!json_eat(j, ','))
		j->err = 1;
	sp.e = (uint32_t) json_int(j);
	if (json_eat(j, ','))
	{
		json_ws(j);
		if (j->p < j->end && *j->p == '"')
			sp.label = json_string(j, NULL);
		else
			json_skip(j);
		while (!j->err && json_eat(j, ','))
			json_skip(j);
	}
	if (!json_eat(j, ']'))
		j->err = 1;
	if (l->n == l->cap)
		l->s = xrealloc(l->s, (l->cap = l->cap ? 2 * l->cap : 16) * sizeof(JsonSpan));
	l->s[l->n++] = sp;
}

/* An array of spans. */
size_t
json_spans(Json *j, JsonSpan **out)
{
	SpanList	l = {NULL, 0, 0};

	json_array(j, json_span, &l);
	*out = l.s;
	return l.n;
}

/* Free spans and their labels. */
void
json_spans_free(JsonSpan *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].label);
	free(s);
}

/* ---- model sections ---- */

/* Add one slot. */
static void
lex_push(LexBuild *lb, uint64_t key, uint32_t classes, uint32_t flags)
{
	if (lb->n == lb->cap)
	{
		lb->cap = lb->cap ? 2 * lb->cap : 4096;
		lb->s = xrealloc(lb->s, lb->cap * sizeof(NxLexSlot));
	}
	lb->s[lb->n].key = key;
	lb->s[lb->n].classes = classes;
	lb->s[lb->n].flags = flags;
	lb->n++;
}

/* Add an entry given as tokens, with its prefixes. */
void
lex_add(LexBuild *lb, char **tok, size_t n, uint32_t cls)
{
	uint64_t	h = NX_FNV_OFFSET;

	if (n == 0 || n > 16)
		return;
	for (size_t k = 0; k < n; k++)
	{
		char		buf[256];
		size_t		fl = nx_fold(tok[k], strlen(tok[k]), buf, sizeof(buf));

		h = nx_key_add(h, nx_fnv1a64(buf, fl));
		lex_push(lb, nx_key_final(h), k + 1 == n ? (UINT32_C(1) << cls) : 0,
				 k + 1 == n ? NX_LEX_ENTRY : NX_LEX_PREFIX);
	}
	if (n > lb->maxlen)
		lb->maxlen = (uint32_t) n;
}

/* Build and parse a LEXICON section. */
void
lexicon_section(const LexBuild *lb, const char *const *names, size_t nclasses,
				Blob *sec, NxLexicon *lex)
{
	char		err[200];

	if (nx_lexicon_build(lb->s, lb->n, lb->maxlen ? lb->maxlen : 1, names, nclasses,
						 &sec->p, &sec->len, A) != NX_OK ||
		nx_lexicon_parse(sec->p, sec->len, lex, err, sizeof(err)) != NX_OK)
		die("cannot build the lexicon table");
}

/* Read Brown clusters into a CLUSTERS section. */
void
clusters_section(const char *path, int packed, Blob *sec, NxClusters *cl)
{
	size_t		len,
				n;
	char	   *text = read_file(path, &len);
	char		err[200];

	if (nx_clusters_from_text(text, len, packed, &sec->p, &sec->len, &n, A) != NX_OK ||
		nx_clusters_parse(sec->p, sec->len, cl, err, sizeof(err)) != NX_OK)
		die("cannot build the cluster table");
	fprintf(stderr, "clusters: %zu words from %s\n", n, path);
	free(text);
}

/* Read and open a model file, or die. */
static void *
read_model(const char *path, NxModel *m, size_t *len)
{
	void	   *buf = read_file(path, len);
	char		err[256];

	if (nx_model_open(buf, *len, m, err, sizeof(err)) != NX_OK)
		die("%s: %s", path, err);
	return buf;
}

/*
 * Give m the shared resources file at path (its buffer is kept: m points
 * into it), or die.  With name set, m is to be written naming that file.
 */
static void
attach_file(const char *path, NxModel *m, int name)
{
	NxModel		sh;
	size_t		len;
	char		err[256];

	(void) read_model(path, &sh, &len);
	if (name)
	{
		snprintf(m->shared_name, sizeof(m->shared_name), "%s", sh.name);
		m->shared_checksum = sh.checksum;
	}
	if (nx_model_attach(m, &sh, err, sizeof(err)) != NX_OK)
		die("%s: %s", path, err);
}

/* A model's Brown clusters from --clusters or --shared (see trainlib.h). */
void
model_clusters(const TrainOpts *o, NxModel *m, Blob *sec)
{
	if (o->clusters && o->shared)
		die("--clusters and --shared: one or the other");
	if (o->clusters)
		clusters_section(o->clusters, 1, sec, &m->clusters);
	if (o->shared)
	{
		attach_file(o->shared, m, 1);
		fprintf(stderr, "clusters: %u words from %s\n", m->clusters.n, o->shared);
	}
}

/* Where the clusters came from, for a model's META line (see trainlib.h). */
const char *
clusters_meta(const NxModel *m, const Blob *sec)
{
	return sec->len ? "yes" : m->shared_name[0] ? m->shared_name : "no";
}

/* Write a shared resources file (see trainlib.h). */
void
write_shared(const char *path, const char *name, const Blob *clusters, const char *meta)
{
	NxModelSection sec[3];
	unsigned char info[NX_INFO_SIZE];
	void	   *file;
	size_t		flen;

	nx_info_build(info, 0, 0, NX_SHARED_TASK);
	nx_section(&sec[0], "INFO", info, sizeof(info));
	nx_section(&sec[1], "CLUSTERS", clusters->p, clusters->len);
	nx_section(&sec[2], "META", meta, strlen(meta));
	if (nx_model_write(name, sec, 3, &file, &flen, A) != NX_OK)
		die("cannot lay out the shared resources file");
	write_file(path, file, flen);
	fprintf(stderr, "wrote %s (%zu bytes): %s", path, flen, meta);
	free(file);
}

/* Lay out and write a model file. */
void
write_model(const char *path, const NxModel *m, const Blob *lexicon,
			const Blob *clusters, const char *meta, int int8)
{
	NxModelSection sec[3 + NX_MODEL_MAX_STAGES + 6];
	size_t		ns = 0;
	unsigned char info[NX_INFO_SIZE],
				shared[NX_SHARED_SIZE];
	Blob		labels,
				weights[NX_MODEL_MAX_STAGES];
	void	   *file;
	size_t		flen;

	nx_info_build(info, m->featset, m->nstages, m->task);
	nx_info_set_calib(info, m->calib);
	nx_section(&sec[ns++], "INFO", info, sizeof(info));
	if (nx_labels_build(&m->labels, &labels.p, &labels.len, A) != NX_OK)
		die("out of memory");
	nx_section(&sec[ns++], "LABELS", labels.p, labels.len);
	/* two int16 stages are paired where they can be (nx_tagger.h) */
	if (!int8 && m->nstages == 2 &&
		nx_weights_build_pair(&m->stage[0], &m->stage[1], &weights[0].p, &weights[0].len,
							  &weights[1].p, &weights[1].len, A) == NX_OK)
	{
		nx_section(&sec[ns++], "WEIGHTS0", weights[0].p, weights[0].len);
		nx_section(&sec[ns++], "WEIGHTS1", weights[1].p, weights[1].len);
	}
	else
		for (uint32_t k = 0; k < m->nstages; k++)
		{
			if ((int8 ? nx_weights_build_int8 : nx_weights_build) (&m->stage[k], &weights[k].p,
																   &weights[k].len, A) != NX_OK)
				die("cannot build the weights of stage %u", k + 1);
			nx_section(&sec[ns++], k ? "WEIGHTS1" : "WEIGHTS0", weights[k].p, weights[k].len);
		}
	if (lexicon && lexicon->len)
		nx_section(&sec[ns++], "LEXICON", lexicon->p, lexicon->len);
	if (clusters && clusters->len)
		nx_section(&sec[ns++], "CLUSTERS", clusters->p, clusters->len);
	if (m->shared_name[0])
	{
		nx_shared_ref_build(shared, m->shared_name, m->shared_checksum);
		nx_section(&sec[ns++], "SHARED", shared, sizeof(shared));
	}
	if (m->speakers && m->speakerslen)
		nx_section(&sec[ns++], "SPEAKERS", m->speakers, m->speakerslen);
	if (m->vclustsec && m->vclustseclen)
		nx_section(&sec[ns++], "VECCLUST", m->vclustsec, m->vclustseclen);
	if (m->namessec && m->namesseclen)
		nx_section(&sec[ns++], "NAMES", m->namessec, m->namesseclen);
	nx_section(&sec[ns++], "META", meta, strlen(meta));
	if (nx_model_write(m->name, sec, ns, &file, &flen, A) != NX_OK)
		die("cannot lay out the model");
	write_file(path, file, flen);
	fprintf(stderr, "wrote %s (%zu bytes): %s", path, flen, meta);
	free(file);
	free(labels.p);
	for (uint32_t k = 0; k < m->nstages; k++)
		free(weights[k].p);
}

/* Open and check a model file. */
void *
open_model(const char *path, NxModel *m, size_t *len,
		   NxStatus (*check) (const NxModel *m, char *err, size_t errlen))
{
	void	   *buf = read_model(path, m, len);
	char		err[256];

	if (m->shared_name[0])
	{
		/* the shared resources file it names, beside it */
		size_t		n = strlen(path) + sizeof(m->shared_name) + 8;
		char	   *spath = xalloc(n);

		nx_model_shared_path(path, m, spath, n);
		attach_file(spath, m, 0);
		free(spath);
	}
	if (check(m, err, sizeof(err)) != NX_OK)
		die("%s: %s", path, err);
	return buf;
}

/* ---- scores ---- */

/* Count exact chunks (chunks come sorted and do not overlap). */
void
score_seq(Score *sc, const NxLabelSet *ls, const uint8_t *gold, const uint8_t *pred, size_t n)
{
	NxChunk    *g = xalloc((n + 1) * sizeof(NxChunk)),
			   *p = xalloc((n + 1) * sizeof(NxChunk));
	size_t		ng = nx_labels_chunks(ls, gold, n, g, n + 1),
				np = nx_labels_chunks(ls, pred, n, p, n + 1),
				all = ls->ntypes;

	for (size_t i = 0; i < ng; i++)
	{
		sc->ng[g[i].type]++;
		sc->ng[all]++;
	}
	for (size_t j = 0, i = 0; j < np; j++)
	{
		sc->np[p[j].type]++;
		sc->np[all]++;
		while (i < ng && g[i].end <= p[j].start)
			i++;
		if (i < ng && g[i].start == p[j].start && g[i].end == p[j].end && g[i].type == p[j].type)
		{
			sc->tp[p[j].type]++;
			sc->tp[all]++;
		}
	}
	free(g);
	free(p);
}

/* F1 from counts. */
double
f1(size_t tp, size_t np, size_t ng)
{
	double		p = np ? (double) tp / np : 0,
				r = ng ? (double) tp / ng : 0;

	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* ---- training ---- */

static uint64_t rng_state;

/* Seed the generator. */
void
rng_seed(unsigned long seed)
{
	rng_state = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
}

/* The next number of the generator (xorshift64). */
static uint64_t
rng(void)
{
	uint64_t	x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/* Shuffle idx[0..n) (Fisher-Yates). */
void
shuffle(size_t *idx, size_t n)
{
	for (size_t i = n; i > 1; i--)
	{
		size_t		j = rng() % i,
					x = idx[i - 1];

		idx[i - 1] = idx[j];
		idx[j] = x;
	}
}

/* Train a stage, keeping the best epoch when there is a score. */
Stage
train_stage(const TrainSet *ts, NxModel *m, int stage, size_t *idx, size_t n,
			int epochs, const char *what)
{
	NxTrainer	tr;
	size_t		nw = ((size_t) 1 << ts->bits) * m->labels.n;
	int16_t    *w = xalloc(NX_DENSE_WEIGHTS(ts->bits, m->labels.n) * sizeof(int16_t));
	NxTagger   *t = &m->stage[stage - 1];
	Stage		best = {NULL, 1, 0};
	double		bestf = -1;
	float		scale = 1;

	if (nx_trainer_init(&tr, (uint32_t) ts->bits, m->labels.n, A) != NX_OK)
		die("out of memory");
	tr.gold_history = ts->gold_history;
	for (int ep = 1; ep <= epochs; ep++)
	{
		size_t		mistakes = 0,
					ntok = 0;
		double		t0 = now();

		shuffle(idx, n);
		for (size_t k = 0; k < n; k++)
			mistakes += ts->learn(ts->ctx, &tr, &m->labels, stage, idx[k], &ntok);
		nx_trainer_export(&tr, w, &scale);
		t->w = w;
		t->index = NULL;			/* dense while training */
		t->log2 = (uint32_t) ts->bits;
		t->nlabels = m->labels.n;
		t->scale = scale;
		if (ts->verbose)
			fprintf(stderr, "%s epoch %d: %zu tokens, %.2f%% mistakes, %.1fs\n", what, ep, ntok,
					100.0 * mistakes / (ntok ? ntok : 1), now() - t0);
		if (ts->score)
		{
			char		lab[64];
			double		f;

			snprintf(lab, sizeof(lab), "%s epoch %2d %s", what, ep, ts->held_out);
			f = ts->score(ts->ctx, m, stage, lab);
			if (f > bestf)
			{
				bestf = f;
				if (!best.w)
					best.w = xalloc(NX_DENSE_WEIGHTS(ts->bits, m->labels.n) * sizeof(int16_t));
				memcpy(best.w, w, nw * sizeof(int16_t));
				best.scale = scale;
				best.epoch = ep;
			}
		}
	}
	nx_trainer_free(&tr);
	if (best.w)
		free(w);
	else
	{
		best.w = w;
		best.scale = scale;
		best.epoch = epochs;
	}
	t->w = best.w;
	t->index = NULL;
	t->scale = best.scale;
	return best;
}

/* See trainlib.h. */
Stage
train_runs(const TrainSet *ts, NxModel *m, int stage, size_t *idx, size_t n, int epochs,
		   int runs, unsigned long seed, const char *what)
{
	size_t		nw = ((size_t) 1 << ts->bits) * m->labels.n;
	float	   *sum;
	float		maxabs = 0,
				sc;
	int			ep_sum = 0;
	Stage		avg;

	if (runs <= 1)
		return train_stage(ts, m, stage, idx, n, epochs, what);
	sum = xalloc(nw * sizeof(float));
	for (int r = 0; r < runs; r++)
	{
		Stage		s;

		rng_seed(seed + (unsigned long) r);
		s = train_stage(ts, m, stage, idx, n, epochs, what);
		for (size_t i = 0; i < nw; i++)
			sum[i] += (float) s.w[i] / s.scale;
		ep_sum += s.epoch;
		free(s.w);
	}
	for (size_t i = 0; i < nw; i++)
		if (fabsf(sum[i]) > maxabs)
			maxabs = fabsf(sum[i]);
	sc = maxabs > 0 ? 32000.0f / maxabs : 1.0f;
	avg.w = xalloc((nw + NX_ROW_PAD) * sizeof(int16_t));
	for (size_t i = 0; i < nw; i++)
		avg.w[i] = (int16_t) lrintf(sum[i] * sc);
	free(sum);
	avg.scale = sc;
	avg.epoch = (ep_sum + runs / 2) / runs;
	m->stage[stage - 1].w = avg.w;
	m->stage[stage - 1].index = NULL;
	m->stage[stage - 1].scale = sc;
	if (ts->score)
	{
		char		lab[64];

		snprintf(lab, sizeof(lab), "%s average of %d runs %s", what, runs, ts->held_out);
		ts->score(ts->ctx, m, stage, lab);
	}
	return avg;
}

/* Stage-1 labels of every document from the models of the other folds. */
void
train_folds(const TrainSet *ts, const NxModel *m, const size_t *docs, size_t n,
			int folds, int epochs)
{
	TrainSet	fs = *ts;

	fs.score = NULL;
	fs.verbose = 0;
	for (int f = 0; f < folds; f++)
	{
		NxModel		fm = *m;
		size_t	   *in = xalloc((n + 1) * sizeof(size_t));
		size_t		nin = 0;
		Stage		st;

		for (size_t i = 0; i < n; i++)
			if ((int) (docs[i] % (size_t) folds) != f)
				in[nin++] = docs[i];
		st = train_stage(&fs, &fm, 1, in, nin, epochs, "fold");
		for (size_t i = 0; i < n; i++)
			if ((int) (docs[i] % (size_t) folds) == f)
				ts->label1(ts->ctx, &fm, docs[i]);
		fprintf(stderr, "fold %d/%d done (%d epochs)\n", f + 1, folds, epochs);
		free(st.w);
		free(in);
	}
}

/* ---- ranking ---- */

/* Add an example. */
void
rank_add(RankSet *rs, const float *feat, int ncand, int right)
{
	size_t		need = rs->nfloat + (size_t) ncand * rs->nfeat;

	if (need > rs->capfloat)
	{
		while (rs->capfloat < need)
			rs->capfloat = rs->capfloat ? 2 * rs->capfloat : 65536;
		rs->feat = xrealloc(rs->feat, rs->capfloat * sizeof(float));
	}
	if (rs->n == rs->cap)
	{
		rs->cap = rs->cap ? 2 * rs->cap : 1024;
		rs->start = xrealloc(rs->start, rs->cap * sizeof(size_t));
		rs->ncand = xrealloc(rs->ncand, rs->cap * sizeof(int));
		rs->right = xrealloc(rs->right, rs->cap * sizeof(int));
	}
	memcpy(rs->feat + rs->nfloat, feat, (size_t) ncand * rs->nfeat * sizeof(float));
	rs->start[rs->n] = rs->nfloat;
	rs->ncand[rs->n] = ncand;
	rs->right[rs->n] = right;
	rs->nfloat = need;
	rs->n++;
}

/* The score of candidate c of example i under w. */
static double
rank_score(const RankSet *rs, const float *w, size_t i, int c)
{
	const float *f = rs->feat + rs->start[i] + (size_t) c * rs->nfeat;
	double		s = 0;

	for (int k = 0; k < rs->nfeat; k++)
		s += (double) w[k] * f[k];
	return s;
}

/* The share of examples whose right candidate scores best (the first of equals). */
double
rank_accuracy(const RankSet *rs, const float *w, const size_t *idx, size_t n)
{
	size_t		ok = 0;

	for (size_t j = 0; j < n; j++)
	{
		size_t		i = idx[j];
		int			best = 0;

		for (int c = 1; c < rs->ncand[i]; c++)
			if (rank_score(rs, w, i, c) > rank_score(rs, w, i, best))
				best = c;
		ok += best == rs->right[i];
	}
	return n ? (double) ok / n : 0;
}

/* Learn weights by a softmax over the candidates of each example. */
void
rank_learn(const RankSet *rs, float *w, const float *prior, size_t *idx, size_t n, int epochs,
		   float rate, float l2)
{
	double	   *p = xalloc(64 * sizeof(double));
	int			pcap = 64;

	for (int ep = 0; ep < epochs; ep++)
	{
		float		eta = rate / (1.0f + ep);

		shuffle(idx, n);
		for (size_t j = 0; j < n; j++)
		{
			size_t		i = idx[j];
			int			nc = rs->ncand[i];
			double		max = -1e300,
						z = 0;

			if (nc > pcap)
			{
				pcap = nc;
				p = xrealloc(p, (size_t) pcap * sizeof(double));
			}
			for (int c = 0; c < nc; c++)
				if ((p[c] = rank_score(rs, w, i, c)) > max)
					max = p[c];
			for (int c = 0; c < nc; c++)
				z += (p[c] = exp(p[c] - max));
			for (int c = 0; c < nc; c++)
			{
				const float *f = rs->feat + rs->start[i] + (size_t) c * rs->nfeat;
				double		g = (c == rs->right[i]) - p[c] / z;

				for (int k = 0; k < rs->nfeat; k++)
					w[k] += (float) (eta * g * f[k]);
			}
			for (int k = 0; k < rs->nfeat; k++)
				w[k] -= eta * l2 * (w[k] - (prior ? prior[k] : 0));
		}
	}
	free(p);
}

void
rank_free(RankSet *rs)
{
	free(rs->feat);
	free(rs->start);
	free(rs->ncand);
	free(rs->right);
}
