/*
 * The conformance vectors through the C ABI (libsantral): reads
 * conformance/vectors.jsonl (cJSON, from Debian's libcjson-dev) and prints
 * each outcome in the vectors' shapes for conformance/compare.py.
 *
 *   c_abi VECTORS            outcomes on standard output
 *   c_abi --api              the functions this runner maps (the test
 *                            script compares them with include/santral.h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "santral.h"

/* Every function of the header: the entry point that covers it, or why none. */
static const char *API[][2] = {
    {"santral_phone_parse", "phone"},
    {"santral_phone_format", "phone"},
    {"santral_phone_parse_in", "phone"},
    {"santral_phone_format_in", "phone"},
    {"santral_phone_same", "same_number"},
    {"santral_phone_match_key", "match_key"},
    {"santral_target_parse", "target"},
    {"santral_phrase_check", "phrase"},
    {"santral_phrase_announcements", "phrase"},
    {"santral_check", "check"},
    {"santral_check_into", "check (the same diagnostics into an array: the C tests compare them)"},
    {"santral_check_summary_json", "check"},
    {"santral_check_options_init", "check"},
    {"santral_build_transfer", "transfer"},
    {"santral_build_prompt", "prompt"},
    {"santral_build_record", "record"},
    {"santral_build_speech_to_text", "speech_to_text"},
    {"santral_build_campaign", "campaign_build"},
    {"santral_logo_from_event", "logo"},
    {"santral_code_count", "codes"},
    {"santral_code_at", "codes"},
    {"santral_code_id", "codes"},
    {"santral_code_message", "not an input's outcome (the code's text)"},
    {"santral_code_severity", "not an input's outcome (the code's severity)"},
    {"santral_code_number", "not an input's outcome (a code's number)"},
    {"santral_version", "not an input's outcome"},
    {"santral_client_allowed", "client_address"},
    {"santral_client_address", "client_address"},
    {"santral_form_fields_json", "form_fields"},
    {"santral_receive", "receive"},
    {"santral_advisory_read", "receive"},
    {"santral_advisory_answer", "advisory_answer"},
    {"santral_handler_failed", "not an input's outcome (the 500 after a plugin's handler failed)"},
    {"santral_result_name", "not an input's outcome"},
    {"santral_api_prepare", "api_request"},
    {"santral_api_read_reply", "api_reply"},
    {"santral_api_operation_count", "api_request (the runner names every operation through it)"},
    {"santral_api_operation_name", "api_request"},
};

static const char *str(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int has_num(const cJSON *o, const char *k, double *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!cJSON_IsNumber(v)) return 0;
    *out = v->valuedouble;
    return 1;
}

static int flag(const cJSON *o, const char *k, int dflt) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (cJSON_IsTrue(v)) return 1;
    if (cJSON_IsFalse(v)) return 0;
    return dflt;
}

/* The input's bytes: `input` (UTF-8) or `input_hex`. */
static unsigned char *input(const cJSON *a, size_t *len) {
    const char *s = str(a, "input");
    unsigned char *out;
    size_t i;
    if (s) {
        *len = strlen(s);
        out = malloc(*len + 1);
        memcpy(out, s, *len + 1);
        return out;
    }
    s = str(a, "input_hex");
    *len = s ? strlen(s) / 2 : 0;
    out = malloc(*len + 1);
    for (i = 0; i < *len; i++) {
        unsigned int b;
        sscanf(s + 2 * i, "%2x", &b);
        out[i] = (unsigned char)b;
    }
    return out;
}

static cJSON *nullable(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

static cJSON *d_json(uint32_t code, const char *path, size_t offset, size_t end, uint32_t line, uint32_t column,
                     const char *suggestion, int has_related, size_t r_off, size_t r_end, uint32_t r_line,
                     uint32_t r_col) {
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "severity",
                            santral_code_severity(code) == SANTRAL_SEVERITY_ERROR ? "error" : "warning");
    cJSON_AddStringToObject(d, "code", santral_code_id(code));
    cJSON_AddStringToObject(d, "path", path);
    cJSON_AddNumberToObject(d, "offset", (double)offset);
    cJSON_AddNumberToObject(d, "end", (double)end);
    cJSON_AddNumberToObject(d, "line", line);
    cJSON_AddNumberToObject(d, "column", column);
    cJSON_AddItemToObject(d, "suggestion", nullable(suggestion && *suggestion ? suggestion : NULL));
    if (has_related) {
        cJSON *r = cJSON_CreateArray();
        cJSON_AddItemToArray(r, cJSON_CreateNumber((double)r_off));
        cJSON_AddItemToArray(r, cJSON_CreateNumber((double)r_end));
        cJSON_AddItemToArray(r, cJSON_CreateNumber(r_line));
        cJSON_AddItemToArray(r, cJSON_CreateNumber(r_col));
        cJSON_AddItemToObject(d, "related", r);
    } else {
        cJSON_AddNullToObject(d, "related");
    }
    return d;
}

static cJSON *err_json(const santral_error *e) {
    return d_json(e->code, e->path, e->offset, e->end, e->line, e->column, e->suggestion, 0, 0, 0, 0, 0);
}

static cJSON *wrap(const char *key, cJSON *v) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, key, v);
    return o;
}

/* Collects callback diagnostics into a JSON array. */
static int32_t collect(void *user, const santral_diagnostic *d) {
    cJSON_AddItemToArray((cJSON *)user,
                         d_json(d->code, d->path, d->offset, d->end, d->line, d->column, d->suggestion,
                                d->has_related, d->related_offset, d->related_end, d->related_line,
                                d->related_column));
    return 0;
}

/* Calls a text-producing function with a growing buffer. */
#define TEXT(call_with_buf)                                                      \
    do {                                                                         \
        cap = 64;                                                                \
        for (;;) {                                                               \
            buf = realloc(buf, cap);                                             \
            r = call_with_buf;                                                   \
            if (r != SANTRAL_INSUFFICIENT_SIZE) break;                           \
            cap = len;                                                           \
        }                                                                        \
    } while (0)

static cJSON *phone(const cJSON *a) {
    const char *s = str(a, "input");
    uint32_t flags = SANTRAL_PHONE_DEFAULT;
    santral_phone_info info;
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0;
    uint32_t f;
    cJSON *o;
    static const char *formats[] = {"e164",    "wire", "national", "international", "display", "display_international",
                                    "display_in_region"};
    if (flag(a, "lenient", 0)) flags |= SANTRAL_PHONE_LENIENT;
    if (!flag(a, "allow_extension", 1)) flags |= SANTRAL_PHONE_NO_EXTENSION;
    if (flag(a, "extension_first", 0)) flags |= SANTRAL_PHONE_EXTENSION_FIRST;
    const char *region = str(a, "region");
    if (santral_phone_parse_in(s, strlen(s), region, flags, &info, &err) != SANTRAL_OK) return wrap("error", err_json(&err));
    o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "valid", info.valid);
    cJSON_AddStringToObject(o, "kind", info.kind);
    cJSON_AddNumberToObject(o, "country_code", info.country_code);
    cJSON_AddItemToObject(o, "region", nullable(info.region[0] ? info.region : NULL));
    cJSON_AddStringToObject(o, "national_number", info.national_number);
    for (f = SANTRAL_FORMAT_E164; f <= SANTRAL_FORMAT_DISPLAY_IN_REGION; f++) {
        TEXT(santral_phone_format_in(s, strlen(s), region, flags, f, buf, cap, &len, NULL));
        cJSON_AddItemToObject(o, formats[f], r == SANTRAL_OK ? cJSON_CreateString(buf) : cJSON_CreateNull());
    }
    free(buf);
    cJSON_AddStringToObject(o, "match_key", info.match_key);
    cJSON_AddItemToObject(o, "warning", nullable(info.warning ? santral_code_id(info.warning) : NULL));
    return wrap("ok", o);
}

static cJSON *match_key(const cJSON *a) {
    const char *s = str(a, "input");
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0;
    cJSON *o;
    TEXT(santral_phone_match_key(s, strlen(s), buf, cap, &len, &err));
    o = r == SANTRAL_OK ? wrap("ok", cJSON_CreateString(buf)) : wrap("error", err_json(&err));
    free(buf);
    return o;
}

static cJSON *target(const cJSON *a) {
    const char *s = str(a, "input"), *ctx = str(a, "context");
    uint32_t c = ctx && strcmp(ctx, "advisory") == 0 ? SANTRAL_CONTEXT_ADVISORY : SANTRAL_CONTEXT_CAMPAIGN;
    santral_target_info info;
    santral_error err;
    cJSON *o;
    if (santral_target_parse(s, strlen(s), c, &info, &err) != SANTRAL_OK) return wrap("error", err_json(&err));
    /* The canonical text: a valid target displays as written. */
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", info.kind);
    cJSON_AddStringToObject(o, "text", s);
    if (info.announcement_id)
        cJSON_AddNumberToObject(o, "announcement_id", (double)info.announcement_id);
    else
        cJSON_AddNullToObject(o, "announcement_id");
    return wrap("ok", o);
}

static cJSON *phrase(const cJSON *a) {
    const char *s = str(a, "input");
    cJSON *o = cJSON_CreateObject(), *diags = cJSON_CreateArray();
    size_t errors = 0, count = 0, i;
    uint64_t ids[64];
    santral_phrase_check(s, strlen(s), SANTRAL_LANG_EN, collect, diags, &errors);
    cJSON_AddBoolToObject(o, "valid", errors == 0);
    if (errors == 0) {
        cJSON *list = cJSON_CreateArray();
        santral_phrase_announcements(s, strlen(s), ids, 64, &count);
        for (i = 0; i < count && i < 64; i++) cJSON_AddItemToArray(list, cJSON_CreateNumber((double)ids[i]));
        cJSON_AddItemToObject(o, "announcement_ids", list);
    } else {
        cJSON_AddNullToObject(o, "announcement_ids");
    }
    cJSON_AddItemToObject(o, "diagnostics", diags);
    return o;
}

static cJSON *check(const cJSON *a) {
    size_t n, cap, len = 0;
    unsigned char *in = input(a, &n);
    santral_check_options opts;
    santral_report report;
    santral_result r;
    char *buf = NULL;
    double v;
    cJSON *o, *diags = cJSON_CreateArray();
    santral_check_options_init(&opts);
    opts.today = str(a, "today");
    opts.param_name = str(a, "param_name");
    if (has_num(a, "max_diagnostics", &v)) opts.max_diagnostics = (size_t)v;
    if (has_num(a, "duplicate_leads", &v)) opts.duplicate_leads = (size_t)v;
    r = santral_check(str(a, "kind"), in, n, &opts, SANTRAL_LANG_EN, collect, diags, &report);
    if (r == SANTRAL_INVALID_OPTION) {
        cJSON *d = cJSON_DetachItemFromArray(diags, 0);
        cJSON_Delete(diags);
        free(in);
        return wrap("option_error", d);
    }
    o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "valid", report.valid);
    cJSON_AddNumberToObject(o, "errors", (double)report.errors);
    cJSON_AddNumberToObject(o, "warnings", (double)report.warnings);
    cJSON_AddItemToObject(o, "diagnostics", diags);
    cJSON_AddNumberToObject(o, "diagnostics_omitted", (double)report.diagnostics_omitted);
    TEXT(santral_check_summary_json(str(a, "kind"), in, n, &opts, buf, cap, &len));
    cJSON_AddItemToObject(o, "summary", cJSON_Parse(buf));
    free(buf);
    free(in);
    return o;
}

static cJSON *built(santral_result r, const char *buf, const santral_error *err) {
    if (r == SANTRAL_OK) return wrap("ok", cJSON_CreateString(buf));
    return wrap("error", err_json(err));
}

static uint64_t id_or_zero(const cJSON *a, const char *k) {
    double v;
    return has_num(a, k, &v) ? (uint64_t)v : 0;
}

static cJSON *transfer(const cJSON *a) {
    santral_transfer t;
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0;
    cJSON *o;
    t.target = str(a, "target");
    t.greet_name = str(a, "greet_name");
    t.greet_phrase = str(a, "greet_phrase");
    t.lang = str(a, "lang");
    t.announcement_to_caller = id_or_zero(a, "announcement_to_caller");
    t.announcement_to_callee = id_or_zero(a, "announcement_to_callee");
    t.recording_enabled = flag(a, "recording_enabled", -1);
    TEXT(santral_build_transfer(&t, buf, cap, &len, &err));
    o = built(r, buf, &err);
    free(buf);
    return o;
}

static cJSON *prompt(const cJSON *a) {
    santral_prompt p;
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0;
    double v;
    cJSON *o;
    p.announcement_id = id_or_zero(a, "announcement_id");
    p.phrase = str(a, "phrase");
    p.phrase_speed = has_num(a, "phrase_speed", &v) ? v : 0.0;
    p.lang = str(a, "lang");
    p.min_digits = (uint32_t)id_or_zero(a, "min_digits");
    p.max_digits = (uint32_t)id_or_zero(a, "max_digits");
    p.timeout = (uint32_t)id_or_zero(a, "timeout");
    p.digit_timeout = (uint32_t)id_or_zero(a, "digit_timeout");
    p.retry_count = (uint32_t)id_or_zero(a, "retry_count");
    p.service_url = str(a, "service_url");
    p.param_name = str(a, "param_name");
    TEXT(santral_build_prompt(&p, buf, cap, &len, &err));
    o = built(r, buf, &err);
    free(buf);
    return o;
}

static cJSON *record(const cJSON *a) {
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0;
    cJSON *o;
    TEXT(santral_build_record(id_or_zero(a, "announcement_id"), str(a, "phrase"), str(a, "lang"), buf, cap, &len,
                              &err));
    o = built(r, buf, &err);
    free(buf);
    return o;
}

static cJSON *speech_to_text(const cJSON *a) {
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0;
    cJSON *o;
    TEXT(santral_build_speech_to_text(id_or_zero(a, "announcement_id"), (uint32_t)id_or_zero(a, "recognation_duration"),
                                      buf, cap, &len, &err));
    o = built(r, buf, &err);
    free(buf);
    return o;
}

static cJSON *campaign_build(const cJSON *a) {
    const char *header = str(a, "header");
    const cJSON *leads = cJSON_GetObjectItemCaseSensitive(a, "leads"), *l;
    santral_lead list[16];
    size_t n = 0, cap, len = 0;
    santral_report report;
    santral_error err;
    santral_result r;
    char *buf = NULL;
    cJSON *o;
    cJSON_ArrayForEach(l, leads) {
        const cJSON *phrase = cJSON_GetArrayItem(l, 1), *lang = cJSON_GetArrayItem(l, 2);
        list[n].phone = cJSON_GetArrayItem(l, 0)->valuestring;
        list[n].phrase = cJSON_IsString(phrase) ? phrase->valuestring : NULL;
        list[n].lang = cJSON_IsString(lang) ? lang->valuestring : NULL;
        n++;
    }
    TEXT(santral_build_campaign(header, strlen(header), list, n, buf, cap, &len, &report, &err));
    /* SANTRAL_INVALID with no error: written, but the request itself has errors. */
    o = (r == SANTRAL_OK || (r == SANTRAL_INVALID && err.code == 0)) ? wrap("ok", cJSON_CreateString(buf))
                                                                      : wrap("error", err_json(&err));
    free(buf);
    return o;
}

static cJSON *logo(const cJSON *a) {
    static const char *triggers[] = {"answer", "ringing"};
    static const char *forms[] = {"national", "bare", "e164"};
    const char *trigger = str(a, "trigger"), *form = str(a, "caller_form"), *key = str(a, "keypress");
    const char *s = str(a, "input");
    santral_logo_options opts = {SANTRAL_LOGO_TRIGGER_ANSWER, NULL, SANTRAL_LOGO_CALLER_NATIONAL, 1};
    santral_error err;
    santral_result r;
    char *buf = NULL;
    size_t cap, len = 0, i;
    cJSON *o;
    /* Names to the C constants; an unknown name becomes an out-of-range one. */
    if (trigger)
        for (opts.trigger = 99, i = 0; i < 2; i++)
            if (strcmp(trigger, triggers[i]) == 0) opts.trigger = (uint32_t)i;
    if (form)
        for (opts.caller_form = 99, i = 0; i < 3; i++)
            if (strcmp(form, forms[i]) == 0) opts.caller_form = (uint32_t)i;
    if (key) opts.keypress = (uint32_t)atoi(key);
    opts.agent_id = str(a, "agent_id");
    memset(&err, 0, sizeof err);
    TEXT(santral_logo_from_event((const uint8_t *)s, strlen(s), &opts, buf, cap, &len, &err));
    if (r == SANTRAL_UNKNOWN_KIND) {
        free(buf);
        return wrap("argument_error", cJSON_CreateString(opts.trigger == 99 ? "trigger"
                                                         : opts.caller_form == 99 ? "caller_form"
                                                                                  : "keypress"));
    }
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "status", r == SANTRAL_OK ? "ok" : r == SANTRAL_NOT_APPLICABLE ? "not_trigger" : "invalid");
    cJSON_AddItemToObject(o, "body", r == SANTRAL_OK ? cJSON_CreateString(buf) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "error", r == SANTRAL_INVALID && err.code ? err_json(&err) : cJSON_CreateNull());
    free(buf);
    return o;
}

static cJSON *codes(void) {
    cJSON *list = cJSON_CreateArray();
    size_t i;
    for (i = 0; i < santral_code_count(); i++) cJSON_AddItemToArray(list, cJSON_CreateString(santral_code_id(santral_code_at(i))));
    return wrap("codes", list);
}

/* The transport check: the client behind the peer, and whether it is allowed. */
static cJSON *client_address(const cJSON *a) {
    const char *hex = str(a, "forwarded_for_hex");
    char forwarded[256], client[64];
    const char *xff = str(a, "forwarded_for");
    size_t i, len = 0;
    bool allowed = false;
    cJSON *o = cJSON_CreateObject();
    if (hex) {
        for (i = 0; hex[2 * i] && i + 1 < sizeof forwarded; i++) {
            unsigned int b;
            sscanf(hex + 2 * i, "%2x", &b);
            forwarded[i] = (char)b;
        }
        forwarded[i] = 0;
        xff = forwarded;
    }
    if (santral_client_address(str(a, "peer"), xff, str(a, "trusted_proxies"), client, sizeof client, &len, NULL) ==
        SANTRAL_OK)
        cJSON_AddStringToObject(o, "client", client);
    else
        cJSON_AddNullToObject(o, "client");
    santral_client_allowed(str(a, "peer"), xff, str(a, "allow"), str(a, "trusted_proxies"), &allowed, NULL);
    cJSON_AddBoolToObject(o, "allowed", allowed);
    return o;
}

/* The fields a valid webhook form hands its callback. */
static cJSON *form_fields(const cJSON *a) {
    size_t len = 0, out_len = 0;
    unsigned char *in = input(a, &len);
    char buf[4096];
    cJSON *o = cJSON_CreateObject();
    if (santral_form_fields_json(str(a, "kind"), in, len, buf, sizeof buf, &out_len) == SANTRAL_OK)
        cJSON_AddItemToObject(o, "fields", cJSON_Parse(buf));
    else
        cJSON_AddStringToObject(o, "argument_error", "kind");
    free(in);
    return o;
}

/* A vector the C API cannot express: an id of 0 means "none" in C. */
/* The vector's parameters as the texts every face sends. */
static size_t api_params(const cJSON *a, santral_api_param *out, char texts[][64], size_t cap) {
    const cJSON *item;
    size_t n = 0;
    cJSON_ArrayForEach(item, a) {
        if (n == cap || strcmp(item->string, "operation") == 0 || strcmp(item->string, "key") == 0) continue;
        if (cJSON_IsString(item)) {
            out[n].value = item->valuestring;
        } else if (cJSON_IsBool(item)) {
            out[n].value = cJSON_IsTrue(item) ? "true" : "false";
        } else if (cJSON_IsNumber(item)) {
            snprintf(texts[n], 64, "%.0f", item->valuedouble);
            out[n].value = texts[n];
        } else {
            continue;
        }
        out[n].name = item->string;
        n++;
    }
    return n;
}

static cJSON *api_request(const cJSON *a) {
    santral_api_param params[64];
    char texts[64][64];
    size_t n = api_params(a, params, texts, 64), i;
    const char *op = str(a, "operation"), *key = str(a, "key");
    santral_api_buffers b;
    santral_api_request info;
    santral_result r;
    cJSON *diags = cJSON_CreateArray(), *o;
    int known = 0;
    for (i = 0; i < santral_api_operation_count(); i++) known |= strcmp(santral_api_operation_name(i), op) == 0;
    if (!known) return wrap("argument_error", cJSON_CreateString("operation"));
    memset(&b, 0, sizeof b);
    r = santral_api_prepare(op, key ? key : "", params, n, SANTRAL_LANG_EN, NULL, NULL, &b, &info);
    if (r == SANTRAL_INSUFFICIENT_SIZE) {
        b.target = malloc(b.target_cap = b.target_len);
        b.body = malloc(b.body_cap = b.body_len);
        b.redacted = malloc(b.redacted_cap = b.redacted_len);
        r = santral_api_prepare(op, key ? key : "", params, n, SANTRAL_LANG_EN, collect, diags, &b, &info);
    }
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "method", info.method);
    cJSON_AddStringToObject(o, "target", b.target);
    cJSON_AddItemToObject(o, "content_type", nullable(info.content_type));
    cJSON_AddStringToObject(o, "body", b.body);
    cJSON_AddStringToObject(o, "redacted", b.redacted);
    cJSON_AddBoolToObject(o, "idempotent", info.idempotent);
    cJSON_AddStringToObject(o, "pool", info.pool);
    cJSON_AddBoolToObject(o, "valid", r == SANTRAL_OK);
    cJSON_AddItemToObject(o, "diagnostics", diags);
    free(b.target);
    free(b.body);
    free(b.redacted);
    return o;
}

/* Builds the records of a reply from the field callback. */
typedef struct {
    cJSON *records, *fields;
} api_fields;

static int32_t api_field(void *user, size_t record, const char *name, const char *value, const char *malformed) {
    api_fields *f = user;
    cJSON *rec;
    while ((size_t)cJSON_GetArraySize(f->records) <= record) cJSON_AddItemToArray(f->records, cJSON_CreateObject());
    rec = cJSON_GetArrayItem(f->records, (int)record);
    cJSON_AddItemToObject(rec, name, cJSON_Parse(value));
    if (malformed) {
        cJSON *m = cJSON_GetObjectItemCaseSensitive(rec, "malformed");
        if (!m) m = cJSON_AddObjectToObject(rec, "malformed");
        cJSON_AddStringToObject(m, name, malformed);
    }
    return 0;
}

static cJSON *pagination(const santral_api_reply *r) {
    cJSON *p;
    if (!r->has_pagination) return cJSON_CreateNull();
    p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "page", (double)r->page);
    cJSON_AddNumberToObject(p, "total_count", (double)r->total_count);
    cJSON_AddNumberToObject(p, "total_pages", (double)r->total_pages);
    cJSON_AddNumberToObject(p, "limit", (double)r->limit);
    return p;
}

static cJSON *api_reply(const cJSON *a) {
    const char *op = str(a, "operation"), *body = str(a, "body");
    double status = 0;
    santral_api_reply reply;
    api_fields f = {cJSON_CreateArray(), NULL};
    static char text[1 << 16];
    size_t text_len = 0, i;
    cJSON *o = cJSON_CreateObject(), *rec;
    santral_result r;
    has_num(a, "status", &status);
    r = santral_api_read_reply(op, (uint16_t)status, (const uint8_t *)body, strlen(body), &reply, text, sizeof text,
                               &text_len, api_field, &f);
    if (r == SANTRAL_INVALID) {
        cJSON *fail = cJSON_AddObjectToObject(o, "failure");
        cJSON_AddStringToObject(fail, "code", santral_code_id(reply.code));
        cJSON_AddNumberToObject(fail, "status", status);
        cJSON_AddBoolToObject(fail, "transient", reply.transient);
        cJSON_AddStringToObject(fail, "text", text);
        cJSON_Delete(f.records);
        return o;
    }
    cJSON_AddStringToObject(o, "success", reply.kind);
    rec = cJSON_GetArrayItem(f.records, 0);
    if (strcmp(reply.kind, "campaign_created") == 0) cJSON_AddNumberToObject(o, "campaign_id", (double)reply.id);
    else if (strcmp(reply.kind, "id") == 0) cJSON_AddNumberToObject(o, "id", (double)reply.id);
    else if (strcmp(reply.kind, "call_started") == 0) cJSON_AddStringToObject(o, "call_uuid", text);
    else if (strcmp(reply.kind, "token") == 0) cJSON_AddStringToObject(o, "token", text);
    else if (strcmp(reply.kind, "dnd") == 0) {
        char *space = strchr(text, ' ');
        *space = 0;
        cJSON_AddStringToObject(o, "extension", text);
        cJSON_AddStringToObject(o, "state", space + 1);
    } else if (strcmp(reply.kind, "url") == 0) {
        cJSON_AddStringToObject(o, "url", text);
        cJSON_AddItemToObject(o, "expires_at",
                              rec ? cJSON_DetachItemFromObject(rec, "expires_at") : cJSON_CreateNull());
    } else if (strcmp(reply.kind, "crm_settings") == 0) {
        cJSON_AddItemToObject(o, "settings", cJSON_DetachItemFromArray(f.records, 0));
    } else if (strcmp(reply.kind, "cdr") == 0) {
        cJSON_AddItemToObject(o, "call_uuid", cJSON_DetachItemFromObject(rec, "call_uuid"));
        cJSON_AddNumberToObject(o, "steps", (double)reply.steps);
    } else if (strcmp(reply.kind, "cdrs") == 0) {
        cJSON *uuids = cJSON_AddArrayToObject(o, "call_uuids");
        for (i = 0; i < reply.records; i++)
            cJSON_AddItemToArray(uuids,
                                 cJSON_DetachItemFromObject(cJSON_GetArrayItem(f.records, (int)i), "call_uuid"));
        cJSON_AddItemToObject(o, "pagination", pagination(&reply));
    } else if (strcmp(reply.kind, "records") == 0) {
        while ((size_t)cJSON_GetArraySize(f.records) < reply.records) cJSON_AddItemToArray(f.records, cJSON_CreateObject());
        cJSON_AddItemToObject(o, "records", f.records);
        cJSON_AddItemToObject(o, "pagination", pagination(&reply));
        return o;
    }
    cJSON_Delete(f.records);
    return o;
}

/* An answer as the vectors show it. */
static cJSON *answer_json(const santral_answer *h, const char *body) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", h->status);
    cJSON_AddStringToObject(o, "content_type", h->content_type);
    cJSON_AddItemToObject(o, "allow", nullable(h->allow[0] ? h->allow : NULL));
    cJSON_AddStringToObject(o, "body", body);
    return o;
}

/* A request through santral_receive, as a plugin would: hand over, or
   read the routing query with the session's parameter and answer with
   the fallback (the handler answered nothing). */
static cJSON *receive(const cJSON *a) {
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(a, "config");
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(a, "request");
    santral_receiver settings = {0};
    santral_http_request req = {0};
    santral_answer head;
    static char body[1 << 16], key[256], param[64];
    size_t body_len = 0, key_len = 0, param_len = 0, in_len = 0;
    unsigned char *in;
    double n;
    bool fell_back = false;
    cJSON *o, *hex = cJSON_CreateObject();
    const char *hb = str(r, "body_hex");
    settings.allow = str(c, "allow");
    settings.trusted_proxies = str(c, "trusted_proxies");
    settings.secret = str(c, "secret");
    settings.events_path = str(c, "events_path");
    settings.reports_path = str(c, "reports_path");
    settings.advisory_path = str(c, "advisory_path");
    settings.body_limit = has_num(c, "body_limit", &n) ? (size_t)n : 0;
    if (hb) cJSON_AddStringToObject(hex, "input_hex", hb);
    else cJSON_AddStringToObject(hex, "input", str(r, "body") ? str(r, "body") : "");
    in = input(hex, &in_len);
    req.method = str(r, "method");
    req.path = str(r, "path");
    req.query = str(r, "query");
    req.peer = str(r, "peer");
    req.forwarded_for = str(r, "forwarded_for");
    req.content_type = str(r, "content_type");
    req.has_content_length = has_num(r, "content_length", &n);
    req.content_length = req.has_content_length ? (uint64_t)n : 0;
    req.body = (const char *)in;
    req.body_len = in_len;
    if (santral_receive(&settings, &req, &head, body, sizeof body, &body_len, key, sizeof key, &key_len, NULL) !=
        SANTRAL_OK) {
        free(in);
        cJSON_Delete(hex);
        return cJSON_CreateString("santral_receive failed");
    }
    if (strcmp(head.handover, "advisory-request") == 0 &&
        santral_advisory_read(req.query ? req.query : "", str(r, "param_name"), &head, body, sizeof body,
                              &body_len) == SANTRAL_INVALID) {
        head.handover[0] = 0;
        key[0] = 0;
    } else if (strcmp(head.handover, "advisory-request") == 0) {
        santral_advisory_answer(NULL, str(c, "fallback"), &head, body, sizeof body, &body_len, param, sizeof param,
                                &param_len, &fell_back);
        strcpy(head.handover, "advisory-request");
    }
    o = answer_json(&head, body);
    cJSON_AddItemToObject(o, "handover", nullable(head.handover[0] ? head.handover : NULL));
    cJSON_AddItemToObject(o, "key", nullable(head.handover[0] && key[0] ? key : NULL));
    free(in);
    cJSON_Delete(hex);
    return o;
}

static cJSON *advisory_answer(const cJSON *a) {
    santral_answer head;
    static char body[4096], param[64];
    size_t body_len = 0, param_len = 0;
    bool fell_back = false;
    cJSON *o;
    santral_advisory_answer(str(a, "response"), str(a, "fallback"), &head, body, sizeof body, &body_len, param,
                            sizeof param, &param_len, &fell_back);
    o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", head.status);
    cJSON_AddStringToObject(o, "content_type", head.content_type);
    cJSON_AddStringToObject(o, "body", body);
    cJSON_AddItemToObject(o, "param_name", nullable(param[0] ? param : NULL));
    cJSON_AddBoolToObject(o, "fell_back", fell_back);
    return o;
}

static const char *inexpressible(const char *entry, const cJSON *a) {
    double v;
    if ((strcmp(entry, "transfer") == 0 &&
         ((has_num(a, "announcement_to_caller", &v) && v == 0) || (has_num(a, "announcement_to_callee", &v) && v == 0))) ||
        (strcmp(entry, "prompt") == 0 && has_num(a, "announcement_id", &v) && v == 0))
        return "an id of 0 means none in the C ABI";
    return NULL;
}

int main(int argc, char **argv) {
    static char line[1 << 20];
    FILE *f;
    size_t i;
    if (argc == 2 && strcmp(argv[1], "--api") == 0) {
        for (i = 0; i < sizeof API / sizeof API[0]; i++) printf("%s\n", API[i][0]);
        return 0;
    }
    if (argc != 2 || !(f = fopen(argv[1], "r"))) {
        fprintf(stderr, "usage: c_abi VECTORS\n");
        return 2;
    }
    printf("{\"face\":\"c\",\"entries\":[\"phone\",\"same_number\",\"match_key\",\"target\",\"phrase\",\"check\","
           "\"transfer\",\"prompt\",\"record\",\"speech_to_text\",\"campaign_build\",\"logo\",\"codes\","
           "\"api_request\",\"api_reply\",\"client_address\",\"form_fields\",\"receive\",\"advisory_answer\"],"
           "\"missing\":{\"call_event\":\"checked through santral_check (no typed event in the C ABI)\","
           "\"campaign_report\":\"checked through santral_check\",\"advisory_request\":\"checked through santral_check\","
           "\"api_incoming\":\"the PBX's side: the simulator's face\","
           "\"api_route\":\"the PBX's side of every operation in both dialects, read into parameters by the core; the simulator answers them (api_incoming: the operation it read)\"}}\n");
    while (fgets(line, sizeof line, f)) {
        cJSON *v = cJSON_Parse(line), *a, *o = NULL, *out;
        const char *entry, *why;
        char *text;
        if (!v) continue;
        entry = str(v, "entry");
        a = cJSON_GetObjectItemCaseSensitive(v, "args");
        why = inexpressible(entry, a);
        out = cJSON_CreateObject();
        cJSON_AddStringToObject(out, "id", str(v, "id"));
        if (why) {
            cJSON_AddStringToObject(out, "inexpressible", why);
        } else if (strcmp(entry, "phone") == 0) o = phone(a);
        else if (strcmp(entry, "same_number") == 0) {
            bool same = false;
            const char *x = str(a, "a"), *y = str(a, "b");
            santral_phone_same(x, strlen(x), y, strlen(y), &same);
            o = cJSON_CreateObject();
            cJSON_AddBoolToObject(o, "same", same);
        } else if (strcmp(entry, "match_key") == 0) o = match_key(a);
        else if (strcmp(entry, "target") == 0) o = target(a);
        else if (strcmp(entry, "phrase") == 0) o = phrase(a);
        else if (strcmp(entry, "check") == 0) o = check(a);
        else if (strcmp(entry, "transfer") == 0) o = transfer(a);
        else if (strcmp(entry, "prompt") == 0) o = prompt(a);
        else if (strcmp(entry, "record") == 0) o = record(a);
        else if (strcmp(entry, "speech_to_text") == 0) o = speech_to_text(a);
        else if (strcmp(entry, "campaign_build") == 0) o = campaign_build(a);
        else if (strcmp(entry, "logo") == 0) o = logo(a);
        else if (strcmp(entry, "codes") == 0) o = codes();
        else if (strcmp(entry, "api_request") == 0) o = api_request(a);
        else if (strcmp(entry, "api_reply") == 0) o = api_reply(a);
        else if (strcmp(entry, "client_address") == 0) o = client_address(a);
        else if (strcmp(entry, "form_fields") == 0) o = form_fields(a);
        else if (strcmp(entry, "receive") == 0) o = receive(a);
        else if (strcmp(entry, "advisory_answer") == 0) o = advisory_answer(a);
        if (o || why) {
            if (o) cJSON_AddItemToObject(out, "outcome", o);
            text = cJSON_PrintUnformatted(out);
            printf("%s\n", text);
            free(text);
        }
        cJSON_Delete(out);
        cJSON_Delete(v);
    }
    fclose(f);
    return 0;
}
