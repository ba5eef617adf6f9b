/*
 * newsx_model.c
 *	  Model files: found by plain name under the share directory
 *	  (SHAREDIR/newsx/TASK-NAME.model), memory-mapped read-only once per
 *	  backend so that all backends share one copy in the page cache, and
 *	  validated before use.  A model that names a shared resources file
 *	  (SHAREDIR/newsx/SHARED-NAME.model, e.g. shared-en.model, read by both
 *	  taggers) is given it, mapped once for every model that names it.  A
 *	  failure is remembered and reported again without retrying on every
 *	  row.  An entity model is given a cache of token analyses (nx_ner.h,
 *	  NX_NER_CACHE_ENTRIES of them in the backend's memory) for its later
 *	  calls.
 */
#include "postgres.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "newsx.h"
#include "nx_attrib.h"
#include "nx_ner.h"
#include "nx_quotes.h"

#define MAX_MODELS 16

typedef struct LoadedModel
{
	char		task[16];
	char		name[NX_MODEL_NAME_LEN + 1];
	bool		ok;
	NxModel		model;
	char	   *path;			/* in TopMemoryContext */
	const char *error;			/* why it cannot be used, if !ok */
} LoadedModel;

static LoadedModel models[MAX_MODELS];
static int	nmodels;

static LoadedModel *find_or_load(const char *task, const char *name, bool shared);

/*
 * Is name a plain model name (lower-case letters, digits, underscores; and
 * hyphens if hyphen is set: a shared file's name as a model gives it)?
 */
static bool
valid_name(const char *s, bool hyphen)
{
	size_t		n = strlen(s);

	if (n == 0 || n > NX_MODEL_NAME_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
			  s[i] == '_' || (hyphen && s[i] == '-')))
			return false;
	return true;
}

/* Give lm's model the shared resources file it names; on failure set err. */
static NxStatus
attach_shared(LoadedModel *lm, char *err, size_t errlen)
{
	const char *sname = lm->model.shared_name;
	LoadedModel *sh;

	if (!valid_name(sname, true))
	{
		snprintf(err, errlen, "file \"%s\" names a shared resources file of an invalid name", lm->path);
		return NX_EBADMODEL;
	}
	sh = find_or_load(NX_SHARED_TASK, sname, true);
	if (sh == NULL)
	{
		snprintf(err, errlen, "too many newsx model files in one session (at most %d)", MAX_MODELS);
		return NX_EBADMODEL;
	}
	if (!sh->ok)
	{
		snprintf(err, errlen, "its shared resources file cannot be used: %s", sh->error);
		return NX_EBADMODEL;
	}
	return nx_model_attach(&lm->model, &sh->model, err, errlen);
}

/* Map and validate the file of lm; on failure set lm->error. */
static void
load(LoadedModel *lm)
{
	char		err[256];
	struct stat st;
	void	   *map;
	int			fd;
	NxStatus	rc;

	err[0] = '\0';
	fd = open(lm->path, O_RDONLY | PG_BINARY, 0);
	if (fd < 0)
	{
		snprintf(err, sizeof err, "could not open file \"%s\": %m", lm->path);
		goto fail;
	}
	if (fstat(fd, &st) != 0 || st.st_size == 0)
	{
		snprintf(err, sizeof err, "file \"%s\" is empty or unreadable", lm->path);
		close(fd);
		goto fail;
	}
	map = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
	{
		snprintf(err, sizeof err, "could not map file \"%s\": %m", lm->path);
		goto fail;
	}
	rc = nx_model_open(map, (size_t) st.st_size, &lm->model, err, sizeof err);
	if (rc == NX_OK && strcmp(lm->model.task, lm->task) != 0)
	{
		snprintf(err, sizeof err, "file \"%s\" holds a \"%s\" model, not a \"%s\" model",
				 lm->path, lm->model.task, lm->task);
		rc = NX_EBADMODEL;
	}
	if (rc == NX_OK && lm->model.shared_name[0] != '\0')
		rc = attach_shared(lm, err, sizeof err);
	if (rc == NX_OK && strcmp(lm->task, "ner") == 0)
		rc = nx_ner_check_model(&lm->model, err, sizeof err);
	if (rc == NX_OK && strcmp(lm->task, "quotes") == 0)
		rc = nx_quotes_check_model(&lm->model, err, sizeof err);
	if (rc != NX_OK)
	{
		munmap(map, (size_t) st.st_size);
		goto fail;
	}
	/* analyses of token texts kept across this backend's calls */
	if (strcmp(lm->task, "ner") == 0)
	{
		size_t		bytes = nx_ner_cache_bytes(NX_NER_CACHE_ENTRIES);

		lm->model.ner_cache = nx_ner_cache_init(MemoryContextAlloc(TopMemoryContext, bytes),
												bytes);
	}
	if (strcmp(lm->task, "quotes") == 0)
	{
		size_t		bytes = nx_attrib_cache_bytes(NX_ATTRIB_CACHE_ENTRIES);

		lm->model.attrib_cache = nx_attrib_cache_init(MemoryContextAlloc(TopMemoryContext, bytes),
													  bytes);
	}
	lm->ok = true;
	return;

fail:
	lm->ok = false;
	lm->error = MemoryContextStrdup(TopMemoryContext, err);
}

/*
 * The loaded file of a task and name, loaded on first use from
 * TASK-NAME.model (a shared file: NAME.model); NULL if the table is full.
 */
static LoadedModel *
find_or_load(const char *task, const char *name, bool shared)
{
	LoadedModel *lm;
	char		share[MAXPGPATH];

	for (int i = 0; i < nmodels; i++)
		if (strcmp(models[i].task, task) == 0 && strcmp(models[i].name, name) == 0)
			return &models[i];
	if (nmodels >= MAX_MODELS)
		return NULL;
	/* the slot is taken before loading: a model's shared file takes the next */
	lm = &models[nmodels++];
	memset(lm, 0, sizeof(*lm));
	strlcpy(lm->task, task, sizeof lm->task);
	strlcpy(lm->name, name, sizeof lm->name);
	get_share_path(my_exec_path, share);
	/* what a later call reports if an error (out of memory) stops load() */
	lm->error = "its loading was interrupted by an error";
	lm->path = MemoryContextStrdup(TopMemoryContext,
								   shared ? psprintf("%s/newsx/%s.model", share, name)
								   : psprintf("%s/newsx/%s-%s.model", share, task, name));
	load(lm);
	return lm;
}

/* The model of a task ("ner", "quotes") by name; loaded once per backend. */
const NxModel *
newsx_model(const char *task, text *name_t)
{
	char	   *name = text_to_cstring(name_t);
	LoadedModel *lm;

	if (!valid_name(name, false))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid newsx model name \"%s\"", name),
				 errhint("A model name is a plain name such as 'en' (lower-case letters, digits and underscores).")));
	lm = find_or_load(task, name, false);
	if (lm == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many newsx models in one session"),
				 errdetail("A session can use at most %d model files.", MAX_MODELS)));
	if (!lm->ok)
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("newsx %s model \"%s\" cannot be used", task, name),
				 errdetail("%s", lm->error),
				 errhint("Model files are installed by \"make install\" into %s; reinstall newsx to restore them.",
						 lm->path)));
	return &lm->model;
}
