#include "input.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "dt_reader.h"
#include "emit_fdt.h"
#include "fileio.h"
#include "plan_json.h"
#include "verify.h"

/* What a tree's reader leaves to @o: the GIC version, the SPI count, the IPA size, the VGIC. */
static int tree_vgic(const struct gp_input_options *o, struct gp_input *in,
		     struct gp_error *err)
{
	unsigned version = gp_verify_infer_version(&in->m, o->gic_version, in->version_note,
						   sizeof(in->version_note), &in->version_assumed);

	in->spis_assumed = o->spis == 0;
	in->ipa_bits = o->ipa_bits ? o->ipa_bits : GP_INPUT_DEFAULT_IPA_BITS;
	return gp_vgic_from_machine(&in->m, version, o->spis ? o->spis : GP_INPUT_DEFAULT_SPIS,
				    &in->v, err);
}

static int from_tree(const struct gp_input_options *o, struct gp_input *in,
		     struct gp_error *err)
{
	if (gp_dt_read(in->blob, in->blob_len, in->path, &in->m, err) < 0)
		return -1;
	return tree_vgic(o, in, err);
}

int gp_input_from_plan(const struct gp_plan *plan, void *blob, size_t blob_len,
		       const struct gp_input_options *o, struct gp_input *in,
		       struct gp_error *err)
{
	in->is_plan = true;
	in->blob = blob;
	in->blob_len = blob_len;
	if (in->plan == NULL) {
		in->plan = malloc(sizeof(*in->plan));
		if (in->plan == NULL)
			return gp_fail(err, GP_EXIT_USAGE, "out of memory");
		*in->plan = *plan;
	}
	if (gp_dt_read(blob, blob_len, in->path[0] ? in->path : "the emitted tree", &in->m,
		       err) < 0)
		return -1;
	snprintf(in->version_note, sizeof(in->version_note), "from the plan");
	in->ipa_bits = o->ipa_bits ? o->ipa_bits : plan->ipa_bits;
	return gp_vgic_from_plan(plan, &in->v, err);
}

int gp_input_load(const char *path, const struct gp_input_options *o, struct gp_input *in,
		  struct gp_error *err)
{
	void *data, *blob;
	size_t len, blob_len;

	memset(in, 0, sizeof(*in));
	snprintf(in->path, sizeof(in->path), "%s", path);
	if (gp_read_file(path, GP_DT_FILE_MAX, &data, &len, err) < 0)
		return -1;
	if (len >= sizeof(uint32_t) && fdt_magic(data) == FDT_MAGIC) {
		in->blob = data;
		in->blob_len = len;
		return from_tree(o, in, err);
	}
	in->plan = malloc(sizeof(*in->plan));
	if (in->plan == NULL) {
		free(data);
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	}
	if (gp_plan_from_json(path, data, len, in->plan, err) < 0) {
		free(data);
		return -1;
	}
	free(data);
	if (gp_emit_fdt(in->plan, &blob, &blob_len, err) < 0)
		return -1;
	return gp_input_from_plan(in->plan, blob, blob_len, o, in, err);
}

void gp_input_free(struct gp_input *in)
{
	gp_machine_free(&in->m);
	gp_vgic_free(&in->v);
	free(in->blob);
	free(in->plan);
	memset(in, 0, sizeof(*in));
}

/* Tree @in's VGIC again, with @version and @spis where the user left them open. */
static int revise(struct gp_input *in, const struct gp_input_options *o, unsigned version,
		  uint32_t spis, struct gp_error *err)
{
	struct gp_input_options ro = *o;

	if (ro.gic_version == 0)
		ro.gic_version = version;
	if (ro.spis == 0)
		ro.spis = spis;
	gp_vgic_free(&in->v);
	return tree_vgic(&ro, in, err);
}

int gp_input_pair(struct gp_input *a, struct gp_input *b, const struct gp_input_options *o,
		  struct gp_error *err)
{
	struct gp_input *tree = NULL, *other = NULL;

	if (a->is_plan && !b->is_plan) {
		tree = b;
		other = a;
	} else if (b->is_plan && !a->is_plan) {
		tree = a;
		other = b;
	}
	if (tree != NULL)
		return revise(tree, o, other->v.version, other->v.nr_irqs - GP_PRIVATE_INTIDS, err);
	if (a->is_plan || o->gic_version != 0 || a->v.version == b->v.version)
		return 0;
	/* Two trees: what one shows beats what the other only assumed. */
	if (a->version_assumed && !b->version_assumed)
		return revise(a, o, b->v.version, 0, err);
	if (b->version_assumed && !a->version_assumed)
		return revise(b, o, a->v.version, 0, err);
	return 0;
}
