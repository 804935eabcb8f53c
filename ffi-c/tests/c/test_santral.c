/*
 * C tests of libsantral: every function, NULLs, zero lengths, invalid
 * UTF-8, too-small buffers and the vendor's examples. Built with
 * -std=c99 -Wall -Wextra -Werror -pedantic and run under ASan+UBSan and
 * valgrind by scripts/test-c.sh. Usage: test_santral VENDOR_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "santral.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) {                                                          \
            passed++;                                                        \
        } else {                                                             \
            failed++;                                                        \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                    \
    } while (0)

#define S(lit) (lit), (sizeof(lit) - 1)

static char *read_file(const char *dir, const char *name, size_t *len) {
    char path[1024];
    FILE *f;
    char *buf;
    long size;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        exit(2);
    }
    buf[size] = 0;
    fclose(f);
    *len = (size_t)size;
    return buf;
}

struct seen {
    int count;
    uint32_t first_code;
    size_t first_offset;
    uint32_t first_line, first_column;
    char first_path[64];
    char first_suggestion[64];
    int stop_after;
};

static int32_t collect(void *user, const santral_diagnostic *d) {
    struct seen *s = (struct seen *)user;
    if (s->count == 0) {
        s->first_code = d->code;
        s->first_offset = d->offset;
        s->first_line = d->line;
        s->first_column = d->column;
        strncpy(s->first_path, d->path, sizeof s->first_path - 1);
        if (d->suggestion) {
            strncpy(s->first_suggestion, d->suggestion, sizeof s->first_suggestion - 1);
        }
        CHECK(d->code_id != NULL && strchr(d->code_id, '.') != NULL);
        CHECK(d->message != NULL && strlen(d->message) > 0);
    }
    s->count++;
    return s->stop_after && s->count >= s->stop_after;
}

static void test_general(void) {
    size_t i;
    CHECK(strlen(santral_version()) > 0);
    CHECK(strcmp(santral_result_name(SANTRAL_INSUFFICIENT_SIZE), "SANTRAL_INSUFFICIENT_SIZE") == 0);
    /* Any number, never undefined behaviour: out of range is NULL. */
    CHECK(santral_result_name(100000) == NULL && santral_result_name(9) == NULL);
    CHECK(santral_code_count() > 100);
    for (i = 0; i < santral_code_count(); i++) {
        uint32_t n = santral_code_at(i);
        const char *id = santral_code_id(n);
        CHECK(id != NULL);
        CHECK(santral_code_number(id) == n);
        CHECK(santral_code_message(n, SANTRAL_LANG_EN) != NULL);
        CHECK(santral_code_message(n, SANTRAL_LANG_TR) != NULL);
        CHECK(santral_code_severity(n) <= SANTRAL_SEVERITY_WARNING);
    }
    CHECK(santral_code_at(santral_code_count()) == 0);
    CHECK(santral_code_id(0) == NULL);
    CHECK(santral_code_message(0, SANTRAL_LANG_EN) == NULL);
    CHECK(santral_code_severity(0) == UINT32_MAX);
    CHECK(santral_code_number(NULL) == 0);
    CHECK(santral_code_number("no.such_code") == 0);
    CHECK(strcmp(santral_code_message(santral_code_number("phone.too_short"), SANTRAL_LANG_TR),
                 "telefon numarasında rakam eksik: Türkiye numarası baştaki 0'dan sonra 10 rakamdır (0 ile 11)") == 0);
}

static void test_phones(void) {
    santral_phone_info info;
    santral_error err;
    char buf[32];
    size_t len = 0;
    bool same = false;
    const char bad_utf8[] = {'0', (char)0xff, '1'};

    CHECK(santral_phone_parse(S("05321234567"), SANTRAL_PHONE_DEFAULT, &info, NULL) == SANTRAL_OK);
    CHECK(strcmp(info.kind, "mobile") == 0 && info.valid && info.country_code == 90);
    CHECK(strcmp(info.national_number, "5321234567") == 0);
    CHECK(santral_phone_parse(S("05651236547"), 0, &info, NULL) == SANTRAL_OK);
    CHECK(!info.valid && info.warning == santral_code_number("phone.unassigned"));
    CHECK(strcmp(info.match_key, "5651236547") == 0);
    CHECK(santral_phone_parse(S("4441234"), 0, &info, NULL) == SANTRAL_OK && strcmp(info.kind, "uan") == 0);
    /* The default (the same in every face) accepts extensions; a flag refuses them. */
    CHECK(santral_phone_parse(S("1001"), SANTRAL_PHONE_DEFAULT, &info, NULL) == SANTRAL_OK);
    CHECK(strcmp(info.kind, "extension") == 0 && info.country_code == 0);
    CHECK(santral_phone_parse(S("1001"), SANTRAL_PHONE_NO_EXTENSION, &info, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("phone.extension_not_allowed") && strcmp(err.path, "phone") == 0);
    CHECK(santral_phone_parse(S("04000000"), SANTRAL_PHONE_EXTENSION_FIRST, &info, NULL) == SANTRAL_OK);
    CHECK(strcmp(info.kind, "extension") == 0 && strcmp(info.national_number, "04000000") == 0);
    CHECK(santral_phone_parse(S("+90 (532) 123 45 67"), SANTRAL_PHONE_LENIENT, &info, NULL) == SANTRAL_OK);
    CHECK(santral_phone_parse(S("0532-123"), 0, &info, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("phone.invalid_character") && err.offset == 4 && err.end == 5);
    CHECK(err.line == 1 && err.column == 5 && err.suggestion[0] == 0); /* lenient: too short, no reading */
    /* A strict refusal suggests the lenient reading (issue 30). */
    CHECK(santral_phone_parse(S("+90 532 123 45 67"), 0, &info, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("phone.invalid_character") && strcmp(err.suggestion, "+905321234567") == 0);
    CHECK(santral_phone_parse(S("0532-123"), SANTRAL_PHONE_LENIENT, &info, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("phone.too_short") && err.suggestion[0] == 0);
    CHECK(santral_phone_parse(S(""), 0, &info, &err) == SANTRAL_INVALID && err.code == santral_code_number("phone.empty"));
    CHECK(santral_phone_parse(NULL, 0, 0, &info, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_phone_parse(S("05321234567"), 0, NULL, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_phone_parse(bad_utf8, sizeof bad_utf8, 0, &info, NULL) == SANTRAL_INVALID_UTF8);
    /* Other countries: libphonenumber's verdict, national forms read in a region. */
    CHECK(santral_phone_parse(S("+493027590915"), 0, &info, NULL) == SANTRAL_OK);
    CHECK(info.valid && strcmp(info.kind, "fixed_line") == 0 && strcmp(info.region, "DE") == 0);
    CHECK(santral_phone_parse(S("05321234567"), 0, &info, NULL) == SANTRAL_OK && strcmp(info.region, "TR") == 0);
    CHECK(santral_phone_parse_in(S("(202) 456-1111"), "us", SANTRAL_PHONE_LENIENT, &info, NULL) == SANTRAL_OK);
    CHECK(info.country_code == 1 && strcmp(info.region, "US") == 0 && strcmp(info.kind, "fixed_line_or_mobile") == 0);
    CHECK(strcmp(info.match_key, "+12024561111") == 0);
    CHECK(santral_phone_parse_in(S("030 27590915"), NULL, SANTRAL_PHONE_LENIENT, &info, NULL) == SANTRAL_OK);
    CHECK(info.country_code == 90 && !info.valid); /* no region: Turkey's reading */
    CHECK(santral_phone_parse_in(S("030 27590915"), "XY", SANTRAL_PHONE_LENIENT, &info, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("phone.unknown_region") && strcmp(err.path, "region") == 0);
    CHECK(strcmp(err.suggestion, "BY") == 0);
    CHECK(santral_phone_parse(S("+622112345678901"), 0, &info, NULL) == SANTRAL_OK); /* 15 digits in all: E.164's most */
    CHECK(strlen(info.national_number) == 13 && strcmp(info.match_key, "+622112345678901") == 0);
    CHECK(santral_phone_parse(S("+6221123456789012"), 0, &info, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("phone.too_long"));
    CHECK(santral_phone_format_in(S("030 27590915"), "DE", SANTRAL_PHONE_LENIENT, SANTRAL_FORMAT_DISPLAY_INTERNATIONAL, buf,
                                  sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "+49 30 27590915") == 0);
    CHECK(santral_phone_format_in(S("030 27590915"), "DE", SANTRAL_PHONE_LENIENT, SANTRAL_FORMAT_DISPLAY_IN_REGION, buf,
                                  sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "030 27590915") == 0);

    CHECK(santral_phone_format(S("05321234567"), 0, SANTRAL_FORMAT_WIRE, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "905321234567") == 0 && len == 12);
    CHECK(santral_phone_format(S("902129630131"), 0, SANTRAL_FORMAT_DISPLAY, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "(0212) 963 01 31") == 0);
    CHECK(santral_phone_format(S("05321234567"), 0, SANTRAL_FORMAT_DISPLAY_INTERNATIONAL, buf, 5, &len, NULL) ==
          SANTRAL_INSUFFICIENT_SIZE);
    CHECK(len == 18); /* "+90 532 123 45 67" plus the NUL */
    CHECK(santral_phone_format(S("05321234567"), 0, SANTRAL_FORMAT_E164, buf, 14, &len, NULL) == SANTRAL_OK);
    CHECK(santral_phone_format(S("05321234567"), 0, SANTRAL_FORMAT_E164, buf, 13, &len, NULL) == SANTRAL_INSUFFICIENT_SIZE);
    CHECK(santral_phone_format(S("05321234567"), 0, SANTRAL_FORMAT_E164, NULL, 0, &len, NULL) == SANTRAL_INSUFFICIENT_SIZE &&
          len == 14);
    CHECK(santral_phone_format(S("05321234567"), 0, SANTRAL_FORMAT_E164, buf, sizeof buf, NULL, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_phone_format(S("4441234"), 0, SANTRAL_FORMAT_E164, buf, sizeof buf, &len, &err) == SANTRAL_NOT_APPLICABLE);
    CHECK(err.code == santral_code_number("phone.not_international"));
    CHECK(santral_phone_format(S("05321234567"), 0, 99, buf, sizeof buf, &len, NULL) == SANTRAL_UNKNOWN_KIND);
    CHECK(santral_phone_format(S("x"), 0, SANTRAL_FORMAT_E164, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);

    CHECK(santral_phone_same(S("05334979714"), S("+90 533 497 97 14"), &same) == SANTRAL_OK && same);
    CHECK(santral_phone_same(S("05334979714"), S("5334979715"), &same) == SANTRAL_OK && !same);
    CHECK(santral_phone_same(NULL, 0, S("1"), &same) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_phone_same(S("1"), S("1"), NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_phone_match_key(S("905334979714"), buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "5334979714") == 0);
    CHECK(santral_phone_match_key(S("00491234567"), buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "+491234567") == 0);
    CHECK(santral_phone_match_key(S("1' OR '1'='1"), buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
}

static void test_targets_and_phrases(void) {
    santral_target_info t;
    santral_error err;
    struct seen seen;
    uint64_t ids[4];
    size_t count = 0, errors = 0;

    CHECK(santral_target_parse(S("queue/201"), SANTRAL_CONTEXT_ADVISORY, &t, NULL) == SANTRAL_OK);
    CHECK(strcmp(t.kind, "queue") == 0);
    CHECK(santral_target_parse(S("announcement/421"), SANTRAL_CONTEXT_CAMPAIGN, &t, NULL) == SANTRAL_OK);
    CHECK(t.announcement_id == 421);
    CHECK(santral_target_parse(S(""), SANTRAL_CONTEXT_CAMPAIGN, &t, NULL) == SANTRAL_OK && strcmp(t.kind, "") == 0);
    CHECK(santral_target_parse(S("restart"), SANTRAL_CONTEXT_ADVISORY, &t, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("target.restart_not_allowed"));
    CHECK(santral_target_parse(S("usr/1000"), SANTRAL_CONTEXT_CAMPAIGN, &t, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("target.unknown_kind") && err.offset == 0 && err.end == 3);
    CHECK(strcmp(err.suggestion, "user") == 0 && strcmp(err.path, "target") == 0);
    /* The newer documentation's style gets the seeds' form for its span. */
    CHECK(santral_target_parse(S("queue:201"), SANTRAL_CONTEXT_ADVISORY, &t, &err) == SANTRAL_INVALID);
    CHECK(strcmp(err.suggestion, "queue/") == 0 && err.end == 6);
    CHECK(santral_target_parse(S("queue/201"), 7, &t, NULL) == SANTRAL_UNKNOWN_KIND);
    CHECK(santral_target_parse(S("queue/201"), 0, NULL, NULL) == SANTRAL_NULL_ARGUMENT);

    CHECK(santral_phrase_check(S("#456 15/11/2017 #457 73.56 #458"), SANTRAL_LANG_EN, NULL, NULL, &errors) == SANTRAL_OK);
    CHECK(errors == 0);
    memset(&seen, 0, sizeof seen);
    CHECK(santral_phrase_check(S("#456 merhaba 31/02/2017"), SANTRAL_LANG_TR, collect, &seen, &errors) == SANTRAL_INVALID);
    CHECK(errors == 2 && seen.count == 2 && seen.first_offset == 5 && strcmp(seen.first_path, "phrase") == 0);
    /* Columns count characters: "ş" is two bytes and one column. */
    memset(&seen, 0, sizeof seen);
    CHECK(santral_phrase_check(S("ş x"), SANTRAL_LANG_EN, collect, &seen, NULL) == SANTRAL_INVALID);
    CHECK(seen.first_offset == 0 && seen.count == 2);
    memset(&seen, 0, sizeof seen);
    seen.stop_after = 1;
    CHECK(santral_phrase_check(S("x y z"), SANTRAL_LANG_EN, collect, &seen, NULL) == SANTRAL_INVALID && seen.count == 1);
    CHECK(santral_phrase_announcements(S("#456 15/11/2017 #457 73.56 #458"), ids, 4, &count) == SANTRAL_OK);
    CHECK(count == 3 && ids[0] == 456 && ids[2] == 458);
    CHECK(santral_phrase_announcements(S("#1 #2 #3"), ids, 2, &count) == SANTRAL_INSUFFICIENT_SIZE && count == 3);
    CHECK(santral_phrase_announcements(S("#1"), NULL, 0, &count) == SANTRAL_INSUFFICIENT_SIZE && count == 1);
    CHECK(santral_phrase_announcements(S("#1"), NULL, 3, &count) == SANTRAL_NULL_ARGUMENT);
}

static void test_checks(const char *vendor) {
    size_t len;
    char *ivr = read_file(vendor, "campaign_ivr_seed004.json", &len);
    struct seen seen;
    santral_report report;
    santral_diagnostic_record records[4];
    size_t count = 0, out_len = 0;
    char summary[1024];
    santral_check_options options;
    const char event[] = "event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062"
                         "&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234"
                         "&start_stamp=2016-01-01 00:00:00";
    const unsigned char bad_utf8[] = {'{', '"', 0xff, '"', ':', '1', '}'};

    memset(&seen, 0, sizeof seen);
    CHECK(santral_check("campaign", (const uint8_t *)ivr, len, NULL, SANTRAL_LANG_EN, collect, &seen, &report) ==
          SANTRAL_INVALID);
    CHECK(!report.valid && report.errors == 1);
    CHECK(seen.first_code == santral_code_number("json.expected_comma"));
    CHECK(seen.first_line == 35 && seen.first_column == 9 && strcmp(seen.first_path, "phone_list") == 0);
    CHECK(santral_check_into("campaign", (const uint8_t *)ivr, len, NULL, records, 4, &count, &report) == SANTRAL_INVALID);
    CHECK(count == 1 && records[0].line == 35 && records[0].column == 9 && strcmp(records[0].path, "phone_list") == 0);
    CHECK(santral_check_summary_json("campaign", (const uint8_t *)ivr, len, NULL, summary, sizeof summary, &out_len) ==
          SANTRAL_INVALID);
    CHECK(strstr(summary, "\"call_type\":\"ivr\"") != NULL);
    free(ivr);

    {
        /* The fields santral checked, by their declared names (issue 29 #4). */
        const char *form = "event_type=answer&caller.id_number=x&call_uuid%5B%5D=y&call_uuid=U%201";
        char fields[128];
        CHECK(santral_form_fields_json("call-event", (const uint8_t *)form, strlen(form), fields, sizeof fields,
                                       &out_len) == SANTRAL_OK);
        CHECK(strcmp(fields, "{\"event_type\":\"answer\",\"call_uuid\":\"U 1\"}") == 0);
        CHECK(santral_form_fields_json("campaign", (const uint8_t *)form, strlen(form), fields, sizeof fields,
                                       &out_len) == SANTRAL_UNKNOWN_KIND);
        CHECK(santral_form_fields_json("call-event", NULL, 1, fields, sizeof fields, &out_len) ==
              SANTRAL_NULL_ARGUMENT);
    }
    ivr = read_file(vendor, "campaign_queue_seed004.json", &len);
    CHECK(santral_check_options_init(&options) == SANTRAL_OK);
    CHECK(options.max_diagnostics == 200 && options.duplicate_leads == 1000000 && options.today == NULL);
    CHECK(santral_check_options_init(NULL) == SANTRAL_NULL_ARGUMENT);
    options.today = "2022-09-01";
    CHECK(santral_check("campaign", (const uint8_t *)ivr, len, &options, SANTRAL_LANG_EN, NULL, NULL, &report) == SANTRAL_OK);
    CHECK(report.valid && report.warnings == 1);
    CHECK(santral_check_summary_json("campaign", (const uint8_t *)ivr, len, &options, summary, 8, &out_len) ==
          SANTRAL_INSUFFICIENT_SIZE);
    CHECK(out_len > 8);
    /* An impossible `today` is an option error, with its diagnostic at `today`. */
    options.today = "2022-02-30";
    memset(&seen, 0, sizeof seen);
    CHECK(santral_check("campaign", (const uint8_t *)ivr, len, &options, 0, collect, &seen, NULL) == SANTRAL_INVALID_OPTION);
    CHECK(seen.count == 1 && seen.first_code == santral_code_number("date.not_calendar") && strcmp(seen.first_path, "today") == 0);
    options.today = NULL;
    options.max_diagnostics = 0;
    CHECK(santral_check("campaign", (const uint8_t *)ivr, len, &options, 0, NULL, NULL, &report) == SANTRAL_OK);
    CHECK(report.warnings == 1 && report.diagnostics_omitted == 1);
    free(ivr);
    {
        /* A repeated lead: a warning at the repeat, with the first as its related place. */
        const char dup[] = "{\"key\":\"K12345678-1234-5678-4321-123456789012\",\"call_type\":\"queue\",\"name\":\"q\","
                           "\"queue_number\":204,\"thread_multiplier\":1,"
                           "\"phone_list\":[{\"phone\":\"05321234567\"},{\"phone\":\"905321234567\"}]}";
        CHECK(santral_check_into("campaign", (const uint8_t *)dup, sizeof dup - 1, NULL, records, 4, &count, &report) == SANTRAL_OK);
        CHECK(count == 1 && records[0].code == santral_code_number("campaign.duplicate_phone"));
        CHECK(records[0].has_related && records[0].related_offset == (size_t)(strstr(dup, "\"05321234567") - dup));
        CHECK(strcmp(records[0].path, "phone_list[1].phone") == 0);
    }

    CHECK(santral_check("call-event", (const uint8_t *)event, sizeof event - 1, NULL, 0, NULL, NULL, &report) == SANTRAL_OK);
    CHECK(santral_check("call-event", (const uint8_t *)"", 0, NULL, 0, NULL, NULL, &report) == SANTRAL_OK); /* a ping */
    memset(&seen, 0, sizeof seen);
    CHECK(santral_check("advisory-response", (const uint8_t *)"{\"transfer\":{\"target\":\"usr/1000\"}}", 34, NULL,
                        SANTRAL_LANG_EN, collect, &seen, NULL) == SANTRAL_INVALID);
    CHECK(strcmp(seen.first_path, "transfer.target") == 0 && strcmp(seen.first_suggestion, "user") == 0);
    CHECK(santral_check("advisory-response", bad_utf8, sizeof bad_utf8, NULL, 0, NULL, NULL, &report) == SANTRAL_INVALID);
    CHECK(santral_check("nope", (const uint8_t *)"", 0, NULL, 0, NULL, NULL, NULL) == SANTRAL_UNKNOWN_KIND);
    CHECK(santral_check(NULL, (const uint8_t *)"", 0, NULL, 0, NULL, NULL, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_check("campaign", NULL, 0, NULL, 0, NULL, NULL, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_check_into("campaign", (const uint8_t *)"{}", 2, NULL, NULL, 3, &count, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_check_into("campaign", (const uint8_t *)"{}", 2, NULL, NULL, 0, &count, &report) == SANTRAL_INVALID);
    CHECK(count == 0 && report.errors == 4);
}

static void test_builders(void) {
    char buf[2048];
    size_t len = 0;
    santral_error err;
    santral_report report;
    santral_transfer t;
    santral_prompt p;
    santral_lead leads[2];
    santral_logo_options logo;
    const char *header = "{\"key\":\"K12345678-1234-5678-4321-123456789012\",\"call_type\":\"queue\",\"name\":\"Q\","
                         "\"queue_number\":204,\"thread_multiplier\":1}";
    const char event[] = "event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911"
                         "&call_uuid=A000001";

    memset(&t, 0, sizeof t);
    t.target = "queue/201";
    t.greet_name = "Ahmet Yılmaz";
    t.lang = "tr-TR";
    t.announcement_to_caller = 12345;
    t.recording_enabled = -1;
    CHECK(santral_build_transfer(&t, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "{\"transfer\":{\"target\":\"queue/201\",\"greet_name\":\"Ahmet Yılmaz\",\"lang\":\"tr-TR\","
                      "\"announcement_to_caller\":12345}}") == 0);
    CHECK(santral_check("advisory-response", (const uint8_t *)buf, len, NULL, 0, NULL, NULL, NULL) == SANTRAL_OK);
    CHECK(santral_build_transfer(&t, buf, 10, &len, NULL) == SANTRAL_INSUFFICIENT_SIZE);
    t.target = "restart";
    CHECK(santral_build_transfer(&t, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("target.restart_not_allowed"));
    t.target = NULL;
    CHECK(santral_build_transfer(&t, buf, sizeof buf, &len, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_build_transfer(NULL, buf, sizeof buf, &len, NULL) == SANTRAL_NULL_ARGUMENT);

    memset(&p, 0, sizeof p);
    p.announcement_id = 123;
    p.min_digits = 5;
    p.max_digits = 6;
    p.retry_count = 3;
    p.service_url = "https://musteri.adresi.com/tuslamayan_musteri.php";
    p.param_name = "musteri_no";
    CHECK(santral_build_prompt(&p, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strstr(buf, ",}") == NULL);
    CHECK(santral_check("advisory-response", (const uint8_t *)buf, len, NULL, 0, NULL, NULL, NULL) == SANTRAL_OK);
    p.min_digits = 7;
    CHECK(santral_build_prompt(&p, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("advisory.digits_range") && strcmp(err.path, "prompt.max_digits") == 0);
    p.announcement_id = 0;
    p.min_digits = 1;
    CHECK(santral_build_prompt(&p, buf, sizeof buf, &len, &err) == SANTRAL_INVALID); /* no phrase either */
    CHECK(err.code == santral_code_number("advisory.prompt_source"));
    p.announcement_id = 1;
    p.lang = "tr-tr";
    CHECK(santral_build_prompt(&p, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("lang.unknown") && strcmp(err.suggestion, "tr-TR") == 0);

    CHECK(santral_build_record(0, "Sayın Ahmet Yılmaz ses kaydınız alınıyor.", "tr-TR", buf, sizeof buf, &len, NULL) ==
          SANTRAL_OK);
    CHECK(santral_build_record(0, NULL, "xx", buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("lang.unknown") && strcmp(err.path, "record.lang") == 0);
    CHECK(santral_build_speech_to_text(123, 10, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "{\"speech_to_text\":{\"announcement_id\":\"123\",\"recognation_duration\":10}}") == 0);
    CHECK(santral_build_speech_to_text(123, 11, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
    CHECK(santral_build_speech_to_text(0, 1, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);

    leads[0].phone = "05321234567";
    leads[0].phrase = "#456 15/11/2017 #457 73.56 #458";
    leads[0].lang = "tr-TR";
    leads[1].phone = "905331234567";
    leads[1].phrase = NULL;
    leads[1].lang = NULL;
    CHECK(santral_build_campaign(header, strlen(header), leads, 2, buf, sizeof buf, &len, &report, &err) == SANTRAL_OK);
    CHECK(err.code == 0);
    CHECK(report.valid && strstr(buf, "\"phone_list\":[{\"phone\":\"05321234567\"") != NULL);
    CHECK(santral_build_campaign(header, strlen(header), leads, 2, buf, 20, &len, NULL, NULL) == SANTRAL_INSUFFICIENT_SIZE);
    leads[1].phone = "0532";
    CHECK(santral_build_campaign(header, strlen(header), leads, 2, buf, sizeof buf, &len, &report, &err) == SANTRAL_INVALID);
    CHECK(report.errors == 1 && err.code == 0); /* written: the request itself has the error */
    CHECK(santral_build_campaign(header, strlen(header), NULL, 1, buf, sizeof buf, &len, NULL, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_build_campaign("[1]", 3, leads, 0, buf, sizeof buf, &len, NULL, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("json.expected_object"));
    leads[1].lang = "tr";
    CHECK(santral_build_campaign(header, strlen(header), leads, 2, buf, sizeof buf, &len, NULL, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("lang.unknown") && strcmp(err.path, "phone_list[1].lang") == 0);

    CHECK(santral_logo_from_event((const uint8_t *)event, sizeof event - 1, NULL, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strcmp(buf, "{\"callUniqueId\":\"A000001\",\"extension\":\"911\",\"agentId\":\"911\",\"callerId\":\"05334979714\","
                      "\"keypress\":\"1\"}") == 0);
    logo.trigger = SANTRAL_LOGO_TRIGGER_RINGING;
    logo.agent_id = NULL;
    logo.caller_form = SANTRAL_LOGO_CALLER_BARE;
    logo.keypress = 2;
    CHECK(santral_logo_from_event((const uint8_t *)event, sizeof event - 1, &logo, buf, sizeof buf, &len, NULL) ==
          SANTRAL_NOT_APPLICABLE);
    logo.trigger = SANTRAL_LOGO_TRIGGER_ANSWER;
    logo.agent_id = "agent7";
    CHECK(santral_logo_from_event((const uint8_t *)event, sizeof event - 1, &logo, buf, sizeof buf, &len, NULL) == SANTRAL_OK);
    CHECK(strstr(buf, "\"agentId\":\"agent7\",\"callerId\":\"5334979714\",\"keypress\":\"2\"") != NULL);
    logo.keypress = 4;
    CHECK(santral_logo_from_event((const uint8_t *)event, sizeof event - 1, &logo, buf, sizeof buf, &len, NULL) ==
          SANTRAL_UNKNOWN_KIND);
    CHECK(santral_logo_from_event((const uint8_t *)"event_type=x", 12, NULL, buf, sizeof buf, &len, &err) == SANTRAL_INVALID);
    CHECK(err.code == santral_code_number("event.event_type"));
}

static void test_client_allowed(void) {
    bool ok = true;
    santral_error err;
    /* NULL allow: the vendor's own addresses. */
    CHECK(santral_client_allowed("194.49.126.45", NULL, NULL, NULL, &ok, NULL) == SANTRAL_OK && ok);
    CHECK(santral_client_allowed("127.0.0.1", NULL, NULL, NULL, &ok, NULL) == SANTRAL_OK && !ok);
    CHECK(santral_client_allowed("127.0.0.1", NULL, "10.0.0.0/8, 127.0.0.1/32", NULL, &ok, NULL) == SANTRAL_OK && ok);
    CHECK(santral_client_allowed("::1", NULL, "::1", NULL, &ok, NULL) == SANTRAL_OK && ok);
    CHECK(santral_client_allowed("not an address", NULL, "0.0.0.0/0", NULL, &ok, NULL) == SANTRAL_OK && !ok);
    /* X-Forwarded-For counts only from a trusted proxy. */
    CHECK(santral_client_allowed("10.1.2.3", "194.49.126.36", NULL, NULL, &ok, NULL) == SANTRAL_OK && !ok);
    CHECK(santral_client_allowed("10.1.2.3", "194.49.126.36", NULL, "10.0.0.0/8", &ok, NULL) == SANTRAL_OK && ok);
    CHECK(santral_client_allowed("10.1.2.3", "194.49.126.36, 8.8.8.8", NULL, "10.0.0.0/8", &ok, NULL) == SANTRAL_OK && !ok);
    /* Undecodable bytes from a trusted proxy: refused (not an error, not the proxy). */
    CHECK(santral_client_allowed("127.0.0.1", "\x80", "127.0.0.1/32", "127.0.0.1/32", &ok, NULL) == SANTRAL_OK && !ok);
    /* A dual-stack listener's IPv4 peer is that peer. */
    CHECK(santral_client_allowed("::ffff:127.0.0.1", NULL, "127.0.0.1/32", NULL, &ok, NULL) == SANTRAL_OK && ok);
    /* A block that does not parse is an option error at its place. */
    memset(&err, 0, sizeof err);
    CHECK(santral_client_allowed("127.0.0.1", NULL, "127.0.0.1, 10.0.0.0/99", NULL, &ok, &err) == SANTRAL_INVALID_OPTION);
    CHECK(strcmp(santral_code_id(err.code), "opencart.cidr") == 0 && strcmp(err.path, "allow") == 0 && err.offset >= 11);
    CHECK(santral_client_allowed("127.0.0.1", NULL, NULL, "x", &ok, &err) == SANTRAL_INVALID_OPTION && strcmp(err.path, "trusted_proxies") == 0);
    CHECK(santral_client_allowed(NULL, NULL, NULL, NULL, &ok, NULL) == SANTRAL_NULL_ARGUMENT);
    CHECK(santral_client_allowed("127.0.0.1", NULL, NULL, NULL, NULL, NULL) == SANTRAL_NULL_ARGUMENT);
}

static void test_receiver(void) {
    santral_receiver r;
    santral_http_request q;
    santral_answer a;
    santral_error err;
    char body[8], key[64], big[4096], param[8];
    size_t body_len = 0, key_len = 0, param_len = 0;
    bool fell_back = false;
    const char *event = "event_type=answer&direction=inbound&call_uuid=u1";
    memset(&r, 0, sizeof r);
    memset(&q, 0, sizeof q);
    r.allow = "127.0.0.1/32";
    q.method = "POST";
    q.path = "/events";
    q.peer = "127.0.0.1";
    q.body = event;
    q.body_len = strlen(event);
    /* Handed over: the 200 to write once kept, and the idempotency key. */
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_OK);
    CHECK(a.status == 200 && strcmp(a.handover, "call-event") == 0 && strcmp(big, "OK") == 0 && strcmp(key, "answer:u1") == 0);
    /* A 400's body does not fit: both lengths say what is needed, then it does. */
    q.body = "event_type=nope";
    q.body_len = strlen(q.body);
    CHECK(santral_receive(&r, &q, &a, body, sizeof body, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_INSUFFICIENT_SIZE);
    CHECK(body_len > sizeof body && key_len == 1); /* "" and its NUL */
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_OK);
    CHECK(a.status == 400 && a.handover[0] == 0 && strncmp(big, "{\"diagnostics\":[", 16) == 0 && strlen(big) == body_len);
    /* Refused before the body; 405 names the method. */
    q.method = "GET";
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_OK);
    CHECK(a.status == 405 && strcmp(a.allow, "POST") == 0);
    q.method = "POST";
    q.peer = "203.0.113.9";
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_OK && a.status == 403);
    /* An empty path turns a route off. */
    q.peer = "127.0.0.1";
    r.events_path = "";
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_OK && a.status == 404);
    r.events_path = NULL;
    /* A setting that does not parse is the integrator's error, at its name. */
    r.trusted_proxies = "10.0.0.0/99";
    memset(&err, 0, sizeof err);
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, &err) == SANTRAL_INVALID_OPTION);
    CHECK(strcmp(err.path, "trusted_proxies") == 0);
    r.trusted_proxies = NULL;
    CHECK(santral_receive(NULL, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_NULL_ARGUMENT);
    q.body = NULL;
    q.body_len = 3;
    CHECK(santral_receive(&r, &q, &a, big, sizeof big, &body_len, key, sizeof key, &key_len, NULL) == SANTRAL_NULL_ARGUMENT);
    /* Santral Programlama: the query read, then the answer (the fallback when the response is refused). */
    CHECK(santral_advisory_read("uuid=c1&cli=05321234567&cld=902120000000&step=1", NULL, &a, big, sizeof big, &body_len) == SANTRAL_OK);
    CHECK(strstr(big, "\"cli\":\"+905321234567\"") != NULL);
    CHECK(santral_advisory_read("step=0", NULL, &a, big, sizeof big, &body_len) == SANTRAL_INVALID && a.status == 400);
    CHECK(santral_advisory_answer("{\"transfer\":{\"target\":\"queue:1\"}}", NULL, &a, big, sizeof big, &body_len, param, sizeof param, &param_len, &fell_back) == SANTRAL_OK);
    CHECK(fell_back && strcmp(big, "{\"transfer\":{\"target\":\"hangup/hangup\"}}") == 0 && param_len == 0);
    CHECK(santral_handler_failed(&a, big, sizeof big, &body_len) == SANTRAL_OK && a.status == 500);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s VENDOR_DIR\n", argv[0]);
        return 2;
    }
    test_general();
    test_phones();
    test_targets_and_phrases();
    test_checks(argv[1]);
    test_builders();
    test_client_allowed();
    test_receiver();
    printf("c tests: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
