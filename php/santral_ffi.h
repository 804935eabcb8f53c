typedef enum santral_result {
  SANTRAL_OK = 0,
  SANTRAL_INVALID = 1,
  SANTRAL_NULL_ARGUMENT = 2,
  SANTRAL_INVALID_UTF8 = 3,
  SANTRAL_INSUFFICIENT_SIZE = 4,
  SANTRAL_UNKNOWN_KIND = 5,
  SANTRAL_NOT_APPLICABLE = 6,
  SANTRAL_PANIC = 7,
  SANTRAL_INVALID_OPTION = 8,
} santral_result;

typedef struct santral_api_param {
  const char *name;
  const char *value;
} santral_api_param;

typedef struct santral_diagnostic {
  uint32_t code;
  const char *code_id;
  uint32_t severity;
  size_t offset;
  size_t end;
  uint32_t line;
  uint32_t column;
  const char *path;
  const char *message;
  const char *suggestion;
  bool has_related;
  size_t related_offset;
  size_t related_end;
  uint32_t related_line;
  uint32_t related_column;
} santral_diagnostic;

typedef int32_t (*santral_diagnostic_callback)(void *user,
                                               const struct santral_diagnostic *diagnostic);

typedef struct santral_api_buffers {
  char *target;
  size_t target_cap;
  size_t target_len;
  char *body;
  size_t body_cap;
  size_t body_len;
  char *redacted;
  size_t redacted_cap;
  size_t redacted_len;
} santral_api_buffers;

typedef struct santral_api_request {
  const char *method;
  const char *content_type;
  bool idempotent;
  const char *pool;
  size_t errors;
} santral_api_request;

typedef struct santral_api_reply {
  const char *kind;
  uint64_t id;
  uint32_t code;
  bool transient;
  size_t records;
  size_t steps;
  bool has_pagination;
  uint64_t page;
  uint64_t total_count;
  uint64_t total_pages;
  uint64_t limit;
} santral_api_reply;

typedef int32_t (*santral_api_field_callback)(void *user,
                                              size_t record,
                                              const char *name,
                                              const char *value_json,
                                              const char *malformed);

typedef struct santral_transfer {
  const char *target;
  const char *greet_name;
  const char *greet_phrase;
  const char *lang;
  uint64_t announcement_to_caller;
  uint64_t announcement_to_callee;
  int32_t recording_enabled;
} santral_transfer;

typedef struct santral_error {
  uint32_t code;
  size_t offset;
  size_t end;
  uint32_t line;
  uint32_t column;
  char path[64];
  char suggestion[64];
} santral_error;

typedef struct santral_prompt {
  uint64_t announcement_id;
  const char *phrase;
  double phrase_speed;
  const char *lang;
  uint32_t min_digits;
  uint32_t max_digits;
  uint32_t timeout;
  uint32_t digit_timeout;
  uint32_t retry_count;
  const char *service_url;
  const char *param_name;
} santral_prompt;

typedef struct santral_lead {
  const char *phone;
  const char *phrase;
  const char *lang;
} santral_lead;

typedef struct santral_report {
  bool valid;
  size_t errors;
  size_t warnings;
  size_t diagnostics_omitted;
} santral_report;

typedef struct santral_check_options {
  const char *today;
  const char *param_name;
  size_t max_diagnostics;
  size_t duplicate_leads;
} santral_check_options;

typedef struct santral_diagnostic_record {
  uint32_t code;
  uint32_t severity;
  size_t offset;
  size_t end;
  uint32_t line;
  uint32_t column;
  char path[64];
  char suggestion[64];
  bool has_related;
  size_t related_offset;
  size_t related_end;
  uint32_t related_line;
  uint32_t related_column;
} santral_diagnostic_record;

typedef struct santral_logo_options {
  uint32_t trigger;
  const char *agent_id;
  uint32_t caller_form;
  uint32_t keypress;
} santral_logo_options;

typedef struct santral_phone_info {
  uint16_t country_code;
  char region[4];
  const char *kind;
  bool valid;
  uint32_t warning;
  char national_number[18];
  char match_key[22];
} santral_phone_info;

typedef struct santral_receiver {
  const char *allow;
  const char *trusted_proxies;
  const char *secret;
  const char *events_path;
  const char *reports_path;
  const char *advisory_path;
  size_t body_limit;
} santral_receiver;

typedef struct santral_http_request {
  const char *method;
  const char *path;
  const char *query;
  const char *peer;
  const char *forwarded_for;
  const char *content_type;
  bool has_content_length;
  uint64_t content_length;
  const char *body;
  size_t body_len;
} santral_http_request;

typedef struct santral_answer {
  uint16_t status;
  char reason[32];
  char content_type[32];
  char allow[8];
  char handover[24];
} santral_answer;

typedef struct santral_target_info {
  const char *kind;
  uint64_t announcement_id;
} santral_target_info;

const char *santral_version(void);

const char *santral_result_name(uint32_t result);

size_t santral_code_count(void);

uint32_t santral_code_at(size_t index);

const char *santral_code_id(uint32_t number);

const char *santral_code_message(uint32_t number, uint32_t lang);

uint32_t santral_code_severity(uint32_t number);

uint32_t santral_code_number(const char *id);

size_t santral_api_operation_count(void);

const char *santral_api_operation_name(size_t index);

enum santral_result santral_api_prepare(const char *operation,
                                        const char *key,
                                        const struct santral_api_param *params,
                                        size_t n,
                                        uint32_t lang,
                                        santral_diagnostic_callback callback,
                                        void *user,
                                        struct santral_api_buffers *out,
                                        struct santral_api_request *info);

enum santral_result santral_api_read_reply(const char *operation,
                                           uint16_t status,
                                           const uint8_t *body,
                                           size_t len,
                                           struct santral_api_reply *reply,
                                           char *text,
                                           size_t text_cap,
                                           size_t *text_len,
                                           santral_api_field_callback on_field,
                                           void *user);

enum santral_result santral_build_transfer(const struct santral_transfer *spec,
                                           char *buf,
                                           size_t cap,
                                           size_t *out_len,
                                           struct santral_error *error);

enum santral_result santral_build_prompt(const struct santral_prompt *spec,
                                         char *buf,
                                         size_t cap,
                                         size_t *out_len,
                                         struct santral_error *error);

enum santral_result santral_build_record(uint64_t announcement_id,
                                         const char *phrase,
                                         const char *lang,
                                         char *buf,
                                         size_t cap,
                                         size_t *out_len,
                                         struct santral_error *error);

enum santral_result santral_build_speech_to_text(uint64_t announcement_id,
                                                 uint32_t recognation_duration,
                                                 char *buf,
                                                 size_t cap,
                                                 size_t *out_len,
                                                 struct santral_error *error);

enum santral_result santral_build_campaign(const char *header,
                                           size_t header_len,
                                           const struct santral_lead *leads,
                                           size_t count,
                                           char *buf,
                                           size_t cap,
                                           size_t *out_len,
                                           struct santral_report *report,
                                           struct santral_error *error);

enum santral_result santral_check_options_init(struct santral_check_options *options);

enum santral_result santral_check(const char *kind,
                                  const uint8_t *input,
                                  size_t len,
                                  const struct santral_check_options *options,
                                  uint32_t lang,
                                  santral_diagnostic_callback callback,
                                  void *user,
                                  struct santral_report *report);

enum santral_result santral_check_into(const char *kind,
                                       const uint8_t *input,
                                       size_t len,
                                       const struct santral_check_options *options,
                                       struct santral_diagnostic_record *records,
                                       size_t cap,
                                       size_t *count,
                                       struct santral_report *report);

enum santral_result santral_check_summary_json(const char *kind,
                                               const uint8_t *input,
                                               size_t len,
                                               const struct santral_check_options *options,
                                               char *buf,
                                               size_t cap,
                                               size_t *out_len);

enum santral_result santral_form_fields_json(const char *kind,
                                             const uint8_t *input,
                                             size_t len,
                                             char *buf,
                                             size_t cap,
                                             size_t *out_len);

enum santral_result santral_logo_from_event(const uint8_t *event,
                                            size_t len,
                                            const struct santral_logo_options *options,
                                            char *buf,
                                            size_t cap,
                                            size_t *out_len,
                                            struct santral_error *error);

enum santral_result santral_client_allowed(const char *peer,
                                           const char *x_forwarded_for,
                                           const char *allow,
                                           const char *trusted_proxies,
                                           bool *allowed,
                                           struct santral_error *error);

enum santral_result santral_client_address(const char *peer,
                                           const char *x_forwarded_for,
                                           const char *trusted_proxies,
                                           char *buf,
                                           size_t cap,
                                           size_t *out_len,
                                           struct santral_error *error);

enum santral_result santral_phone_parse(const char *input,
                                        size_t len,
                                        uint32_t flags,
                                        struct santral_phone_info *out,
                                        struct santral_error *error);

enum santral_result santral_phone_parse_in(const char *input,
                                           size_t len,
                                           const char *region,
                                           uint32_t flags,
                                           struct santral_phone_info *out,
                                           struct santral_error *error);

enum santral_result santral_phone_format(const char *input,
                                         size_t len,
                                         uint32_t flags,
                                         uint32_t format,
                                         char *buf,
                                         size_t cap,
                                         size_t *out_len,
                                         struct santral_error *error);

enum santral_result santral_phone_format_in(const char *input,
                                            size_t len,
                                            const char *region,
                                            uint32_t flags,
                                            uint32_t format,
                                            char *buf,
                                            size_t cap,
                                            size_t *out_len,
                                            struct santral_error *error);

enum santral_result santral_phone_same(const char *a,
                                       size_t a_len,
                                       const char *b,
                                       size_t b_len,
                                       bool *same);

enum santral_result santral_phone_match_key(const char *input,
                                            size_t len,
                                            char *buf,
                                            size_t cap,
                                            size_t *out_len,
                                            struct santral_error *error);

enum santral_result santral_receive(const struct santral_receiver *receiver,
                                    const struct santral_http_request *request,
                                    struct santral_answer *answer,
                                    char *body,
                                    size_t body_cap,
                                    size_t *body_len,
                                    char *key,
                                    size_t key_cap,
                                    size_t *key_len,
                                    struct santral_error *error);

enum santral_result santral_advisory_read(const char *query,
                                          const char *param_name,
                                          struct santral_answer *answer,
                                          char *body,
                                          size_t body_cap,
                                          size_t *body_len);

enum santral_result santral_advisory_answer(const char *response,
                                            const char *fallback,
                                            struct santral_answer *answer,
                                            char *body,
                                            size_t body_cap,
                                            size_t *body_len,
                                            char *param_name,
                                            size_t param_cap,
                                            size_t *param_len,
                                            bool *fell_back);

enum santral_result santral_handler_failed(struct santral_answer *answer,
                                           char *body,
                                           size_t body_cap,
                                           size_t *body_len);

enum santral_result santral_target_parse(const char *input,
                                         size_t len,
                                         uint32_t context,
                                         struct santral_target_info *out,
                                         struct santral_error *error);

enum santral_result santral_phrase_check(const char *input,
                                         size_t len,
                                         uint32_t lang,
                                         santral_diagnostic_callback callback,
                                         void *user,
                                         size_t *errors);

enum santral_result santral_phrase_announcements(const char *input,
                                                 size_t len,
                                                 uint64_t *ids,
                                                 size_t cap,
                                                 size_t *count);
