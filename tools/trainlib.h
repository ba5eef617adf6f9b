/*
 * trainlib.h
 *	  What the two trainers share (newsx-train for the entity model,
 *	  newsx-train-quotes for the quotation model): allocation and files
 *	  that exit on failure, the options both take, a JSON lines reader,
 *	  the lexicon and cluster sections, chunk scores, the averaged
 *	  perceptron's epoch loop (keeping the best epoch) and stage-1 labels
 *	  by folds, and writing a model file.  Like the trainers, it links
 *	  the core (src/core) only.
 *
 * A trainer defines progname (for messages) and describes its corpus to
 * the epoch loop with a TrainSet: how to learn one document, how to score
 * the held-out documents, how to give a document stage-1 labels.
 */
#ifndef TRAINLIB_H
#define TRAINLIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "nx_model.h"
#include "nx_tagger.h"

#ifdef __GNUC__
#define TL_NORETURN __attribute__((noreturn))
#define TL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TL_NORETURN
#define TL_PRINTF(f, a)
#endif

/* ---- errors, memory, files ---- */

/* The trainer's name, at the start of its messages (defined by each). */
extern const char *progname;

/* Print "progname: message" and exit with status 1. */
extern void die(const char *fmt,...) TL_PRINTF(1, 2) TL_NORETURN;

/* calloc, realloc and strdup that exit when out of memory. */
extern void *xalloc(size_t n);
extern void *xrealloc(void *p, size_t n);
extern char *xstrdup(const char *s);

/* A whole file (with 8 zero bytes after it), or exit. */
extern void *read_file(const char *path, size_t *len);

/* Write a whole file, or exit. */
extern void write_file(const char *path, const void *buf, size_t len);

/* Seconds on a monotonic clock. */
extern double now(void);

/* A file read line by line. */
typedef struct Lines
{
	FILE	   *f;
	const char *path;
	char	   *line;			/* the current line, its line end removed */
	size_t		cap;
	size_t		lineno;			/* 1-based number of the current line */
} Lines;

/* Open a file to read by lines, or exit. */
extern void lines_open(Lines *l, const char *path);

/* Read the next line into l->line without its CR and LF: its length, or -1 at the end. */
extern ssize_t lines_next(Lines *l);

extern void lines_close(Lines *l);

/* ---- options ---- */

/* The options both trainers take, with the same spelling and meaning. */
typedef struct TrainOpts
{
	const char *train;			/* --train FILE: the training data */
	const char *dev;			/* --dev FILE: held-out data (to choose epochs,
								 * or to run --model over) */
	const char *model;			/* --model MODEL: run a model, do not train */
	const char *out;			/* --out MODEL: the model file to write */
	const char *lexicon;		/* --lexicon DIR: word lists */
	const char *clusters;		/* --clusters FILE: Brown clusters */
	const char *shared;			/* --shared FILE: a shared resources file */
	const char *name;			/* --name NAME: the model's name */
	int			epochs;			/* --epochs N */
	int			bits;			/* --bits B: log2 of the weight buckets */
	int			folds;			/* --folds K: folds for stage-1 labels */
	unsigned long seed;			/* --seed N: shuffling seed */
	int			bench;			/* --bench N: time N passes */
	int			verbose;		/* -v */
} TrainOpts;

/* How an option reads its value. */
typedef enum OptKind
{
	OPT_STR,					/* const char * */
	OPT_INT,					/* int */
	OPT_ULONG,					/* unsigned long */
	OPT_FLAG					/* int, set to 1; takes no value */
} OptKind;

/* An option of a trainer's own, one row of a table ending in a NULL name. */
typedef struct Opt
{
	const char *name;			/* "--epochs" */
	OptKind		kind;
	void	   *var;
	const char *arg;			/* "N" in the help; NULL for a flag */
	const char *help;			/* NULL: not listed (an older spelling) */
} Opt;

/*
 * Read argv into the options both trainers take (o, holding their
 * defaults) and the trainer's own rows; with an unknown option, print the
 * usage (synopsis, then every option with its default) and exit.
 */
extern void parse_options(int argc, char **argv, TrainOpts *o, const Opt *own,
						  const char *synopsis);

/* Print the usage of the last parse_options and exit with status 2. */
extern void usage(void) TL_NORETURN;

/* ---- JSON lines ---- */

/* A cursor over JSON text; err is set at the first error and stays set. */
typedef struct Json
{
	const char *p;
	const char *end;
	int			err;
} Json;

/* The next line of l that is not blank, as a cursor; 0 at the end. */
extern int	jsonl_next(Lines *l, Json *j);

/* Skip white space, then take c if it is next; 1 if taken. */
extern int	json_eat(Json *j, char c);

/* A string, decoded to UTF-8 (malloc'd, NUL-terminated; length in *len). */
extern char *json_string(Json *j, size_t *len);

/* An integer. */
extern long json_int(Json *j);

/* Skip any value. */
extern void json_skip(Json *j);

/*
 * Read an object: member(ctx, key, j) is called for each member, reads
 * its value and returns 1, or returns 0 to have it skipped.
 */
extern void json_object(Json *j, int (*member) (void *ctx, const char *key, Json *j),
						void *ctx);

/* Read an array: elem(ctx, j) reads each element. */
extern void json_array(Json *j, void (*elem) (void *ctx, Json *j), void *ctx);

/* A document of a JSON lines corpus: {"id", "text", ...}. */
typedef struct JsonDoc
{
	char	   *id;				/* "" when the line has none */
	char	   *text;			/* NULL when the line has none */
	size_t		textlen;
} JsonDoc;

/*
 * Read the next document of l into *d (malloc'd strings): its id and text,
 * and any other member through member(ctx, key, j) as json_object does
 * (NULL: skip them all).  0 at the end of the file; exits on bad JSON.
 */
extern int	jsonl_doc(Lines *l, JsonDoc *d,
					  int (*member) (void *ctx, const char *key, Json *j), void *ctx);

/* A span [start, end, label ...] of code points; label NULL when absent. */
typedef struct JsonSpan
{
	uint32_t	s;
	uint32_t	e;
	char	   *label;			/* malloc'd */
} JsonSpan;

/* An array of spans into *out (malloc'd); returns their number. */
extern size_t json_spans(Json *j, JsonSpan **out);

/* Free spans and their labels. */
extern void json_spans_free(JsonSpan *s, size_t n);

/* ---- model sections ---- */

/* A built section: its bytes (malloc'd) and size. */
typedef struct Blob
{
	void	   *p;
	size_t		len;
} Blob;

/* Lexicon entries as they are read, before the LEXICON section is built. */
typedef struct LexBuild
{
	NxLexSlot  *s;
	size_t		n;
	size_t		cap;
	uint32_t	maxlen;			/* tokens of the longest entry */
} LexBuild;

/*
 * Add an entry given as its n tokens to class cls: the entry's key, and a
 * prefix key for each of its proper prefixes (folded as nx_fold does).
 */
extern void lex_add(LexBuild *lb, char **tok, size_t n, uint32_t cls);

/* Build the LEXICON section of lb with its class names, and parse it into *lex. */
extern void lexicon_section(const LexBuild *lb, const char *const *names, size_t nclasses,
							Blob *sec, NxLexicon *lex);

/*
 * A model's Brown clusters: --clusters FILE built into sec (stored in the
 * model), or --shared FILE opened and given to m (the model will name the
 * file in its SHARED section, write_model); both is an error.
 */
extern void model_clusters(const TrainOpts *o, NxModel *m, Blob *sec);

/* Where they came from, for the META line: "yes", the shared file's name, "no". */
extern const char *clusters_meta(const NxModel *m, const Blob *sec);

/*
 * Write a shared resources file named name holding a CLUSTERS section and
 * the META text.
 */
extern void write_shared(const char *path, const char *name, const Blob *clusters,
						 const char *meta);

/*
 * Read clusters (bits TAB word [TAB count]) into a CLUSTERS section and
 * *cl, in the packed layout if packed is set (nx_clusters_build).
 */
extern void clusters_section(const char *path, int packed, Blob *sec, NxClusters *cl);

/*
 * Write model m: INFO (its featset, stages and task), LABELS, the weights
 * of its stages, the lexicon and clusters when given (len 0: none), and
 * meta (how it was made), to path; int8: the stages' rows as int8, each
 * row with its own shift (nx_weights_build_int8), else int16.
 */
extern void write_model(const char *path, const NxModel *m, const Blob *lexicon,
						const Blob *clusters, const char *meta, int int8);

/*
 * Open a model file (the buffer is returned and stays allocated) and check
 * it with check (nx_ner_check_model, nx_quotes_check_model), or exit.
 */
extern void *open_model(const char *path, NxModel *m, size_t *len,
						NxStatus (*check) (const NxModel *m, char *err, size_t errlen));

/* ---- scores ---- */

/* Exact chunk counts per type; [ntypes] counts all types together. */
typedef struct Score
{
	size_t		tp[NX_MAX_TYPES + 1];
	size_t		np[NX_MAX_TYPES + 1];
	size_t		ng[NX_MAX_TYPES + 1];
} Score;

/* Count the chunks of gold and pred (n labels each). */
extern void score_seq(Score *sc, const NxLabelSet *ls, const uint8_t *gold,
					  const uint8_t *pred, size_t n);

/* F1 of tp true positives among np predicted and ng gold. */
extern double f1(size_t tp, size_t np, size_t ng);

/* ---- training ---- */

/* Seed the shuffling generator (xorshift64). */
extern void rng_seed(unsigned long seed);

/* Shuffle idx[0..n) with the generator (Fisher-Yates). */
extern void shuffle(size_t *idx, size_t n);

/* ---- ranking: choose one of a few candidates by a linear score ---- */

/* Ranking examples: each a few candidates' features and the right one. */
typedef struct RankSet
{
	int			nfeat;
	float	   *feat;			/* all candidates' features, example after example */
	size_t		nfloat,
				capfloat;
	size_t	   *start;			/* [n] each example's first candidate */
	int		   *ncand;
	int		   *right;
	size_t		n,
				cap;
} RankSet;

/* Add an example: ncand candidates' features (ncand x nfeat) and the right one. */
extern void rank_add(RankSet *rs, const float *feat, int ncand, int right);

/* The share of examples whose right candidate scores best under w. */
extern double rank_accuracy(const RankSet *rs, const float *w, const size_t *idx, size_t n);

/*
 * Learn weights w[nfeat] by a softmax over each example's candidates
 * (logistic regression of the right one), by stochastic gradient descent
 * over examples idx[0..n) in a shuffled order, epochs times, from the
 * weights w holds, an L2 penalty l2 pulling them towards prior (or 0).
 */
extern void rank_learn(const RankSet *rs, float *w, const float *prior, size_t *idx, size_t n,
					   int epochs, float rate, float l2);

extern void rank_free(RankSet *rs);

/* What the epoch loop trains: the perceptron's settings and the corpus. */
typedef struct TrainSet
{
	int			bits;			/* log2 of the weight buckets */
	int			gold_history;	/* learn with gold (not predicted) previous labels */
	int			verbose;		/* a line per epoch */
	void	   *ctx;			/* the trainer's corpus, passed to the callbacks */

	/* Learn document d once for stage; add its tokens to *ntok; its mistakes. */
	size_t		(*learn) (void *ctx, NxTrainer *tr, const NxLabelSet *ls, int stage,
						  size_t d, size_t *ntok);

	/*
	 * Score stage of m on the held-out documents, printing the score after
	 * label; higher is better.  NULL: no held-out documents (every epoch
	 * is trained and the last kept).
	 */
	double		(*score) (void *ctx, const NxModel *m, int stage, const char *label);
	const char *held_out;		/* what score reads, for its label ("dev") */

	/* Give document d its stage-1 labels from m (for training stage 2). */
	void		(*label1) (void *ctx, const NxModel *m, size_t d);
} TrainSet;

/* The weights a stage's training kept. */
typedef struct Stage
{
	int16_t    *w;				/* malloc'd */
	float		scale;
	int			epoch;			/* the epoch they are from */
} Stage;

/*
 * Train stage of m on documents idx[0..n) (shuffled in place each epoch)
 * for epochs epochs; with ts->score, score each and keep the best.  The
 * weights kept are also set as m's stage.
 */
extern Stage train_stage(const TrainSet *ts, NxModel *m, int stage, size_t *idx,
						 size_t n, int epochs, const char *what);

/*
 * train_stage over runs shuffles (rng seeds seed, seed + 1, ...), each
 * stopped at its best held-out epoch, and the weights averaged (runs <= 1:
 * train_stage itself).  The average of several perceptrons varies less
 * from one seed to the next than one does.  Its epoch is the runs' mean.
 */
extern Stage train_runs(const TrainSet *ts, NxModel *m, int stage, size_t *idx, size_t n,
						int epochs, int runs, unsigned long seed, const char *what);

/*
 * Stage-1 labels of documents docs[0..n) from models not trained on them:
 * for each fold f of folds, a stage-1 model trained for epochs epochs on
 * the documents d with d % folds != f gives the others theirs
 * (ts->label1).  m gives the label set and is not changed.
 */
extern void train_folds(const TrainSet *ts, const NxModel *m, const size_t *docs,
						size_t n, int folds, int epochs);

#endif							/* TRAINLIB_H */
