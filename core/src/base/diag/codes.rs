//! The codes table: every diagnostic code once — its stable dotted id, its
//! severity, its English and Turkish messages. `core/CODES.md`, the C
//! constants, the PHP constants and every face's list come from here.

use core::ffi::CStr;
use core::fmt;

use super::{cstr, Severity};

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = ($id:literal, $sev:ident, $en:literal, $tr:literal), )*) => {
        /// A stable diagnostic code. The dotted [`id`](Code::id) is the
        /// public name used by every binding; once released it never changes
        /// meaning. `core/CODES.md` lists them all with both messages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code's place in [`ALL`](Code::ALL): a compact key for
            /// columnar outputs (valid only within one build; the id is the
            /// stable name).
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The stable dotted id, e.g. `phone.too_short`.
            pub const fn id(self) -> &'static str {
                match self { $(Code::$name => $id,)* }
            }

            /// The severity a finding with this code has.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$name => Severity::$sev,)* }
            }

            /// The English message. It never contains input text.
            pub const fn message(self) -> &'static str {
                match self { $(Code::$name => $en,)* }
            }

            /// The Turkish message (Türkçe ileti).
            pub const fn message_tr(self) -> &'static str {
                match self { $(Code::$name => $tr,)* }
            }

            /// [`id`](Code::id) as a NUL-terminated C string (for the C ABI).
            pub const fn c_id(self) -> &'static CStr {
                match self { $(Code::$name => cstr(concat!($id, "\0")),)* }
            }

            /// [`message`](Code::message) as a NUL-terminated C string.
            pub const fn c_message(self) -> &'static CStr {
                match self { $(Code::$name => cstr(concat!($en, "\0")),)* }
            }

            /// [`message_tr`](Code::message_tr) as a NUL-terminated C string.
            pub const fn c_message_tr(self) -> &'static CStr {
                match self { $(Code::$name => cstr(concat!($tr, "\0")),)* }
            }
        }
    };
}

codes! {
    // ---- identifiers and lexical elements (SPEC §1) ----
    /// An id is empty.
    IdEmpty = ("id.empty", Error, "id is empty", "kimlik (ID) boş"),
    /// An id is not `[1-9][0-9]*`.
    IdInvalid = ("id.invalid", Error, "id must be a positive integer without leading zeros", "kimlik (ID) başında sıfır olmayan pozitif bir tam sayı olmalı"),
    /// An id does not fit 64 bits.
    IdTooLarge = ("id.too_large", Error, "id is larger than 18446744073709551615", "kimlik (ID) 18446744073709551615 değerinden büyük"),
    /// An extension is not 2 to 8 digits.
    ExtensionInvalid = ("extension.invalid", Error, "extension must be 2 to 8 digits", "dahili numara 2 ile 8 rakam arasında olmalı"),
    /// A language is not one of `tr-TR`, `en-US`, `ar-XA`.
    LangUnknown = ("lang.unknown", Error, "language must be tr-TR, en-US or ar-XA (exact case)", "dil tr-TR, en-US veya ar-XA olmalı (büyük/küçük harf birebir)"),
    /// An API key is empty.
    ApiKeyEmpty = ("api_key.empty", Error, "API key is empty", "API anahtarı boş"),
    /// An API key is longer than 64 bytes.
    ApiKeyTooLong = ("api_key.too_long", Error, "API key is longer than 64 bytes", "API anahtarı 64 bayttan uzun"),
    /// An API key holds whitespace or a control character.
    ApiKeyInvalidCharacter = ("api_key.invalid_character", Error, "API key contains whitespace or a control character", "API anahtarı boşluk veya kontrol karakteri içeriyor"),
    /// An API key holds characters other than letters, digits and `-`.
    ApiKeyUnusualCharacter = ("api_key.unusual_character", Warning, "API key contains characters other than letters, digits and '-'", "API anahtarı harf, rakam ve '-' dışında karakter içeriyor"),
    /// An API key is not shaped like the documented `K` + UUID.
    ApiKeyUnusualShape = ("api_key.unusual_shape", Warning, "API key does not have the documented shape (K followed by a UUID)", "API anahtarı belgelenen biçimde değil (K ve ardından UUID)"),
    /// A call uuid is not 1 to 64 of `[0-9A-Za-z-]`.
    CallUuidInvalid = ("call_uuid.invalid", Error, "call uuid must be 1 to 64 letters, digits or '-'", "çağrı uuid'si 1 ile 64 arası harf, rakam veya '-' olmalı"),
    /// A URL does not start with `http://` or `https://`.
    UrlScheme = ("url.scheme", Error, "URL must start with http:// or https://", "URL http:// veya https:// ile başlamalı"),
    /// A URL has no host.
    UrlMissingHost = ("url.missing_host", Error, "URL has no host", "URL'de sunucu adı yok"),
    /// A URL contains whitespace or a control character.
    UrlWhitespace = ("url.whitespace", Error, "URL contains whitespace or a control character", "URL boşluk veya kontrol karakteri içeriyor"),
    /// A URL is longer than 2048 bytes.
    UrlTooLong = ("url.too_long", Error, "URL is longer than 2048 bytes", "URL 2048 bayttan uzun"),
    /// An e-mail address is not `local@domain.tld`.
    EmailInvalid = ("email.invalid", Error, "e-mail address must look like name@domain.tld, without spaces", "e-posta adresi boşluksuz ad@alanadi.uzanti biçiminde olmalı"),
    /// An e-mail address is longer than 254 bytes.
    EmailTooLong = ("email.too_long", Error, "e-mail address is longer than 254 bytes", "e-posta adresi 254 bayttan uzun"),
    /// A value is not `on` or `off`.
    OnOffInvalid = ("on_off.invalid", Error, "value must be on or off", "değer on veya off olmalı"),
    /// A value is not a boolean.
    BoolInvalid = ("bool.invalid", Error, "value must be true, false, \"true\", \"t\", \"false\" or \"f\"", "değer true, false, \"true\", \"t\", \"false\" veya \"f\" olmalı"),
    /// A TTS text is empty.
    TextEmpty = ("text.empty", Error, "text is empty", "metin boş"),
    /// A TTS text is longer than 300 characters.
    TextTooLong = ("text.too_long", Error, "text is longer than 300 characters", "metin 300 karakterden uzun"),

    // ---- phone numbers (SPEC §2) ----
    /// A phone number is empty.
    PhoneEmpty = ("phone.empty", Error, "phone number is empty", "telefon numarası boş"),
    /// A phone number holds a character it may not.
    PhoneInvalidCharacter = ("phone.invalid_character", Error, "phone number contains a character other than digits and a leading '+'", "telefon numarası rakam ve baştaki '+' dışında karakter içeriyor"),
    /// A phone number has too few digits for its form.
    PhoneTooShort = ("phone.too_short", Error, "phone number has too few digits: a Turkish number has 10 digits after the leading 0 (11 with it)", "telefon numarasında rakam eksik: Türkiye numarası baştaki 0'dan sonra 10 rakamdır (0 ile 11)"),
    /// A phone number has too many digits for its form.
    PhoneTooLong = ("phone.too_long", Error, "phone number has too many digits", "telefon numarasında fazla rakam var"),
    /// An international number starts with an unassigned country code.
    PhoneUnknownCountryCode = ("phone.unknown_country_code", Error, "international number starts with an unassigned country code", "uluslararası numara atanmamış bir ülke koduyla başlıyor"),
    /// A Turkish national number starts with digits no Turkish number starts with.
    PhoneInvalidPrefix = ("phone.invalid_prefix", Error, "no number in the Turkish numbering plan starts with these digits", "Türkiye numaralandırma planında bu rakamlarla başlayan numara yok"),
    /// The national number's length is not possible in its country.
    PhoneInvalidLength = ("phone.invalid_length", Error, "national number has a length not possible in its country", "ulusal numaranın uzunluğu o ülkede mümkün değil"),
    /// A number that cannot be dialled from abroad is written internationally.
    PhoneNotInternational = ("phone.not_international", Error, "this number cannot be dialled from abroad (444 or 811 number): write it without the country code", "bu numara yurt dışından aranamaz (444 veya 811 numarası): ülke kodu olmadan yazın"),
    /// An internal extension where a full number is required.
    PhoneExtensionNotAllowed = ("phone.extension_not_allowed", Error, "an internal extension is not accepted here: give a full phone number", "burada dahili numara kabul edilmez: tam telefon numarası verin"),
    /// A Turkish number of a possible form in a range not assigned to any service.
    PhoneUnassigned = ("phone.unassigned", Warning, "number has a possible form but lies in a range not assigned in the Turkish numbering plan", "numaranın biçimi mümkün ama Türkiye numaralandırma planında atanmamış bir aralıkta"),
    /// A region code that is not one of libphonenumber's.
    PhoneUnknownRegion = ("phone.unknown_region", Error, "unknown region: give an ISO 3166-1 alpha-2 code such as DE, or 001", "bilinmeyen bölge: DE gibi bir ISO 3166-1 alpha-2 kodu ya da 001 verin"),

    // ---- call targets (SPEC §3) ----
    /// A target is empty where one is required.
    TargetEmpty = ("target.empty", Error, "target is empty", "hedef boş"),
    /// A target's kind is not known.
    TargetUnknownKind = ("target.unknown_kind", Error, "unknown target kind", "bilinmeyen hedef türü"),
    /// `restart` outside a campaign digit target.
    TargetRestartNotAllowed = ("target.restart_not_allowed", Error, "restart is only allowed as a campaign target", "restart yalnızca kampanya hedefi olarak kullanılabilir"),
    /// A target kind needs an argument after `/`.
    TargetMissingArgument = ("target.missing_argument", Error, "target kind needs an argument after '/'", "hedef türü '/' işaretinden sonra bir değer gerektirir"),
    /// A target kind takes no argument.
    TargetUnexpectedArgument = ("target.unexpected_argument", Error, "target kind takes no argument", "bu hedef türü değer almaz"),
    /// `hangup/` with something other than `hangup` or `busy`.
    TargetHangupMode = ("target.hangup_mode", Error, "hangup target must be hangup/hangup or hangup/busy", "kapatma hedefi hangup/hangup veya hangup/busy olmalı"),
    /// `tts/` without `lang/text`.
    TargetTtsMissingText = ("target.tts_missing_text", Error, "tts target must be tts/LANG/TEXT", "tts hedefi tts/DİL/METİN biçiminde olmalı"),

    // ---- TTS phrases (SPEC §4) ----
    /// A phrase word is none of `#id`, a date, an amount or a number.
    PhraseInvalidWord = ("phrase.invalid_word", Error, "phrase word must be #ID, DD/MM/YYYY, an amount like 73.56, or a number", "cümle kelimesi #ID, GG/AA/YYYY, 73.56 gibi bir tutar veya bir sayı olmalı"),
    /// A phrase date is not a real calendar date.
    PhraseInvalidDate = ("phrase.invalid_date", Error, "phrase date is not a real calendar date", "cümledeki tarih gerçek bir takvim tarihi değil"),

    // ---- dates, times, weekdays, timestamps, durations (SPEC §5) ----
    /// A date is not `YYYY-MM-DD`.
    DateSyntax = ("date.syntax", Error, "date must be YYYY-MM-DD", "tarih YYYY-AA-GG biçiminde olmalı"),
    /// A date is not a real calendar date.
    DateNotCalendar = ("date.not_calendar", Error, "date is not a real calendar date", "tarih gerçek bir takvim tarihi değil"),
    /// A time is not `HH:MM` or `H:MM`.
    TimeSyntax = ("time.syntax", Error, "time must be HH:MM or H:MM", "saat SS:DD veya S:DD biçiminde olmalı"),
    /// A time is outside 00:00–23:59.
    TimeOutOfRange = ("time.out_of_range", Error, "time must be between 00:00 and 23:59", "saat 00:00 ile 23:59 arasında olmalı"),
    /// A timestamp is not one of the three wire styles.
    TimestampSyntax = ("timestamp.syntax", Error, "timestamp must be YYYY-MM-DD HH:MM:SS, optionally followed by UTC or +HHMM", "zaman damgası YYYY-AA-GG SS:DD:ss biçiminde olmalı, ardından isteğe bağlı UTC veya +SSDD"),
    /// A timestamp's fields are out of range.
    TimestampOutOfRange = ("timestamp.out_of_range", Error, "timestamp has an impossible date, time or zone offset", "zaman damgasında imkânsız bir tarih, saat veya saat dilimi farkı var"),
    /// A duration is neither seconds nor `HH:MM:SS`.
    DurationSyntax = ("duration.syntax", Error, "duration must be whole seconds or HH:MM:SS", "süre tam saniye veya SS:DD:ss olmalı"),
    /// A weekday is not 1..=7.
    WeekdayOutOfRange = ("weekday.out_of_range", Error, "weekday must be 1 (Monday) to 7 (Sunday)", "gün 1 (Pazartesi) ile 7 (Pazar) arasında olmalı"),
    /// A weekday is listed twice.
    WeekdayDuplicate = ("weekday.duplicate", Warning, "weekday is listed more than once", "gün birden fazla kez yazılmış"),
    /// No weekday is given.
    WeekdaysEmpty = ("weekdays.empty", Error, "at least one weekday is required", "en az bir gün gerekli"),
    /// The window's end date is before its begin date.
    WindowDateOrder = ("window.date_order", Error, "end date is before begin date", "bitiş tarihi başlangıç tarihinden önce"),
    /// The window's end time is not after its begin time.
    WindowTimeOrder = ("window.time_order", Error, "end time must be after begin time (windows do not cross midnight)", "bitiş saati başlangıç saatinden sonra olmalı (zaman aralığı gece yarısını geçemez)"),
    /// The whole window is before today: the campaign will call no one.
    WindowPassed = ("window.passed", Warning, "the calling window ended before today: the PBX accepts the campaign but calls no one", "arama aralığı bugünden önce bitti: santral kampanyayı kabul eder ama kimseyi aramaz"),

    // ---- form bodies (SPEC §7) ----
    /// A `%` escape is not followed by two hex digits.
    FormMalformedEscape = ("form.malformed_escape", Error, "'%' must be followed by two hexadecimal digits", "'%' işaretinden sonra iki onaltılık rakam gelmeli"),
    /// A form name or value does not decode to UTF-8.
    FormInvalidUtf8 = ("form.invalid_utf8", Error, "form field does not decode to valid UTF-8", "form alanı geçerli UTF-8 olarak çözülemiyor"),
    /// A known form field appears twice.
    FormDuplicateField = ("form.duplicate_field", Error, "form field appears more than once", "form alanı birden fazla kez geçiyor"),

    // ---- JSON syntax and shape (campaigns, advisory responses, CRM, Logo CRM, CDRs) ----
    /// The document ends in the middle of a value.
    JsonUnexpectedEnd = ("json.unexpected_end", Error, "JSON ends too early", "JSON beklenenden önce bitiyor"),
    /// A character that cannot start a value.
    JsonUnexpectedCharacter = ("json.unexpected_character", Error, "unexpected character: a JSON value was expected", "beklenmeyen karakter: bir JSON değeri bekleniyordu"),
    /// Two values without a comma between them.
    JsonExpectedComma = ("json.expected_comma", Error, "expected ',' or a closing bracket: a comma is missing", "',' veya kapanış parantezi bekleniyordu: virgül eksik"),
    /// A key without `:` after it.
    JsonExpectedColon = ("json.expected_colon", Error, "expected ':' after the key", "anahtardan sonra ':' bekleniyordu"),
    /// Something other than a quoted key inside an object.
    JsonExpectedKey = ("json.expected_key", Error, "expected a quoted key", "tırnak içinde bir anahtar bekleniyordu"),
    /// A comma before a closing bracket.
    JsonTrailingComma = ("json.trailing_comma", Error, "trailing comma before a closing bracket", "kapanış parantezinden önce fazladan virgül"),
    /// `}` closing an array or `]` closing an object.
    JsonMismatchedBracket = ("json.mismatched_bracket", Error, "closing bracket does not match the opening one", "kapanış parantezi açılış parantezine uymuyor"),
    /// A bad `\` escape in a string.
    JsonInvalidEscape = ("json.invalid_escape", Error, "invalid escape sequence in a string", "metinde geçersiz kaçış dizisi"),
    /// A raw control character inside a string.
    JsonControlCharacter = ("json.control_character", Error, "raw control character (such as a newline) inside a string", "metin içinde ham kontrol karakteri (örneğin satır sonu)"),
    /// A string that is not UTF-8.
    JsonInvalidUtf8 = ("json.invalid_utf8", Error, "string is not valid UTF-8", "metin geçerli UTF-8 değil"),
    /// A malformed number.
    JsonInvalidNumber = ("json.invalid_number", Error, "malformed number", "hatalı sayı"),
    /// A word other than `true`, `false`, `null`.
    JsonInvalidLiteral = ("json.invalid_literal", Error, "expected true, false or null", "true, false veya null bekleniyordu"),
    /// Nesting deeper than the reader allows.
    JsonTooDeep = ("json.too_deep", Error, "JSON is nested too deeply", "JSON çok derin iç içe"),
    /// Text after the complete document.
    JsonTrailingCharacters = ("json.trailing_characters", Error, "unexpected text after the end of the JSON document", "JSON belgesinin sonundan sonra beklenmeyen metin"),
    /// A known key appears twice.
    JsonDuplicateKey = ("json.duplicate_key", Error, "key appears more than once", "anahtar birden fazla kez geçiyor"),
    /// A key the message does not define.
    JsonUnknownKey = ("json.unknown_key", Warning, "unknown key: the PBX ignores it", "bilinmeyen anahtar: santral bunu yok sayar"),
    /// A required key is absent.
    JsonMissingField = ("json.missing_field", Error, "required field is missing", "zorunlu alan eksik"),
    /// A value of the wrong type: a string was expected.
    JsonExpectedString = ("json.expected_string", Error, "expected a string", "metin (string) bekleniyordu"),
    /// A value of the wrong type: a number was expected.
    JsonExpectedNumber = ("json.expected_number", Error, "expected a number", "sayı bekleniyordu"),
    /// A value of the wrong type: an integer was expected.
    JsonExpectedInteger = ("json.expected_integer", Error, "expected a whole number", "tam sayı bekleniyordu"),
    /// A value of the wrong type: a boolean was expected.
    JsonExpectedBool = ("json.expected_bool", Error, "expected true or false", "true veya false bekleniyordu"),
    /// A value of the wrong type: an object was expected.
    JsonExpectedObject = ("json.expected_object", Error, "expected an object", "nesne (object) bekleniyordu"),
    /// A value of the wrong type: an array was expected.
    JsonExpectedArray = ("json.expected_array", Error, "expected an array", "dizi (array) bekleniyordu"),

    // ---- auto-dial campaigns (SPEC §6) ----
    /// `call_type` is not `ivr` or `queue`.
    CampaignCallType = ("campaign.call_type", Error, "call_type must be ivr or queue", "call_type ivr veya queue olmalı"),
    /// `name` is blank.
    CampaignNameBlank = ("campaign.name_blank", Error, "name can't be blank", "kampanya adı boş olamaz"),
    /// `thread_multiplier` below 1.
    CampaignThreadMultiplierRange = ("campaign.thread_multiplier_range", Error, "thread_multiplier must be at least 1", "thread_multiplier en az 1 olmalı"),
    /// `max_thread_count` below 1.
    CampaignMaxThreadCountRange = ("campaign.max_thread_count_range", Error, "max_thread_count must be at least 1", "max_thread_count en az 1 olmalı"),
    /// `ring_timeout` outside 25..=60.
    CampaignRingTimeoutRange = ("campaign.ring_timeout_range", Error, "ring_timeout must be 25 to 60 seconds", "ring_timeout 25 ile 60 saniye arasında olmalı"),
    /// `call_retries` or `digit_retries` negative.
    CampaignRetriesRange = ("campaign.retries_range", Error, "retries must be 0 or more", "tekrar sayısı 0 veya daha büyük olmalı"),
    /// `digit_timeout` outside 1..=10.
    CampaignDigitTimeoutRange = ("campaign.digit_timeout_range", Error, "digit_timeout must be 1 to 10 seconds", "digit_timeout 1 ile 10 saniye arasında olmalı"),
    /// An ivr campaign without any target.
    CampaignNoTarget = ("campaign.no_target", Error, "an ivr campaign needs a target for at least one of 0-9, star, square, timeout or invalid", "ivr kampanyası 0-9, star, square, timeout veya invalid hedeflerinden en az biri için hedef gerektirir"),
    /// `iys_recipient_type` is not `BIREYSEL` or `TACIR`.
    CampaignIysRecipientType = ("campaign.iys_recipient_type", Error, "iys_recipient_type must be BIREYSEL or TACIR", "iys_recipient_type BIREYSEL veya TACIR olmalı"),
    /// `iys_brand_code` is empty.
    CampaignIysBrandCodeEmpty = ("campaign.iys_brand_code_empty", Error, "iys_brand_code must not be empty", "iys_brand_code boş olamaz"),
    /// `phone_list` has no lead.
    CampaignPhoneListEmpty = ("campaign.phone_list_empty", Error, "phone_list must have at least one lead", "phone_list en az bir numara içermeli"),
    /// A queue-only field in an ivr campaign.
    CampaignQueueFieldInIvr = ("campaign.queue_field_in_ivr", Warning, "field only applies to queue campaigns and is ignored in an ivr campaign", "bu alan yalnızca kuyruk kampanyalarında geçerli, ivr kampanyasında yok sayılır"),
    /// An ivr-only field in a queue campaign.
    CampaignIvrFieldInQueue = ("campaign.ivr_field_in_queue", Warning, "field only applies to ivr campaigns and is ignored in a queue campaign", "bu alan yalnızca ivr kampanyalarında geçerli, kuyruk kampanyasında yok sayılır"),
    /// A lead's phone repeats an earlier lead's.
    CampaignDuplicatePhone = ("campaign.duplicate_phone", Warning, "this number is already in the list: it would be called twice", "bu numara listede zaten var: iki kez aranır"),
    /// A campaign header given to the builder already has leads.
    CampaignHeaderPhoneList = ("campaign.header_phone_list", Error, "the header already has a phone_list: the builder adds the leads", "başlıkta zaten phone_list var: numaraları oluşturucu ekler"),
    /// The caller's duplicate table is full.
    CampaignDuplicateTableFull = ("campaign.duplicate_table_full", Warning, "the duplicate-phone table is full: later leads were not checked for duplicates", "tekrar eden numara tablosu doldu: sonraki numaralar tekrar için denetlenmedi"),

    // ---- webhooks: call events, campaign reports, advisory requests (SPEC §6, §8, §9) ----
    /// A required form field is absent.
    FormMissingField = ("form.missing_field", Error, "required form field is missing", "zorunlu form alanı eksik"),
    /// The body is a verification ping, not an event or report.
    WebhookPing = ("webhook.ping", Error, "this body is the PBX's verification ping (an empty body), not an event: answer it with 200", "bu gövde santralin doğrulama isteği (boş gövde), bir olay değil: 200 ile cevaplayın"),
    /// `event_type` is not a known event.
    EventType = ("event.event_type", Error, "event_type must be ringing, answer, hangup or user_hangup", "event_type ringing, answer, hangup veya user_hangup olmalı"),
    /// `direction` is not a known direction.
    EventDirection = ("event.direction", Error, "direction must be internal, inbound or outbound", "direction internal, inbound veya outbound olmalı"),
    /// `sip_hangup_disposition` is not `caller` or `callee`.
    EventDisposition = ("event.disposition", Error, "sip_hangup_disposition must be caller or callee", "sip_hangup_disposition caller veya callee olmalı"),
    /// A hangup cause the vendor does not document (kept as text).
    EventUnknownHangupCause = ("event.unknown_hangup_cause", Warning, "hangup_cause is not one of the documented causes; kept as text", "hangup_cause belgelenen sonuç kodlarından biri değil; metin olarak saklandı"),
    /// A campaign report `digit` outside the documented values.
    ReportDigit = ("report.digit", Error, "digit must be empty, 0-9, *, #, - or ! followed by a key", "digit boş, 0-9, *, #, - veya ! ve ardından bir tuş olmalı"),
    /// `step` is not a whole number ≥ 1.
    AdvisoryStep = ("advisory.step", Error, "step must be a whole number of 1 or more", "step 1 veya daha büyük bir tam sayı olmalı"),
    /// The digits parameter holds something other than keys.
    AdvisoryDigits = ("advisory.digits", Error, "the digits parameter may only hold 0-9, * and #", "tuşlama parametresi yalnızca 0-9, * ve # içerebilir"),

    // ---- advisory responses (SPEC §9) ----
    /// No action in an advisory response.
    AdvisoryNoAction = ("advisory.no_action", Error, "response must hold one of transfer, prompt, record or speech_to_text", "cevap transfer, prompt, record veya speech_to_text eylemlerinden birini içermeli"),
    /// More than one action in an advisory response.
    AdvisoryMultipleActions = ("advisory.multiple_actions", Error, "response must hold exactly one action", "cevap yalnızca bir eylem içermeli"),
    /// A prompt without announcement_id or phrase.
    AdvisoryPromptSource = ("advisory.prompt_source", Error, "prompt needs announcement_id or phrase", "prompt için announcement_id veya phrase gerekli"),
    /// Both announcement_id and phrase given.
    AdvisoryBothSources = ("advisory.both_sources", Warning, "both announcement_id and phrase are given; only one is played", "hem announcement_id hem phrase verilmiş; yalnızca biri okunur"),
    /// `phrase_speed` outside 0.5..=1.5.
    AdvisoryPhraseSpeedRange = ("advisory.phrase_speed_range", Error, "phrase_speed must be between 0.5 and 1.5", "phrase_speed 0.5 ile 1.5 arasında olmalı"),
    /// `min_digits`/`max_digits` not 1 ≤ min ≤ max.
    AdvisoryDigitsRange = ("advisory.digits_range", Error, "min_digits and max_digits must satisfy 1 <= min_digits <= max_digits", "min_digits ve max_digits 1 <= min_digits <= max_digits olmalı"),
    /// `timeout`/`digit_timeout` outside 1..=10.
    AdvisoryTimeoutRange = ("advisory.timeout_range", Error, "timeout must be 1 to 10 seconds", "zaman aşımı 1 ile 10 saniye arasında olmalı"),
    /// `retry_count` negative.
    AdvisoryRetryCountRange = ("advisory.retry_count_range", Error, "retry_count must be 0 or more", "retry_count 0 veya daha büyük olmalı"),
    /// `param_name` not an identifier of at most 32 characters.
    AdvisoryParamName = ("advisory.param_name", Error, "param_name must be a letter or '_' followed by up to 31 letters, digits or '_'", "param_name bir harf veya '_' ve ardından en fazla 31 harf, rakam veya '_' olmalı"),
    /// `param_name` clashes with the request's own parameters.
    AdvisoryParamNameReserved = ("advisory.param_name_reserved", Error, "param_name may not be uuid, cli, cld, step, error or result", "param_name uuid, cli, cld, step, error veya result olamaz"),
    /// `recognation_duration` outside 1..=10.
    AdvisoryRecognationDurationRange = ("advisory.recognation_duration_range", Error, "recognation_duration must be 1 to 10 seconds", "recognation_duration 1 ile 10 saniye arasında olmalı"),

    // ---- Logo CRM bridge (SPEC §10) ----
    /// `keypress` is not 1, 2 or 3.
    LogoKeypress = ("logo.keypress", Error, "keypress must be \"1\" (show card), \"2\" (new offer) or \"3\" (new support ticket)", "keypress \"1\" (kartı göster), \"2\" (yeni teklif) veya \"3\" (yeni destek kaydı) olmalı"),
    /// `agentId` is empty.
    LogoAgentIdEmpty = ("logo.agent_id_empty", Error, "agentId must not be empty", "agentId boş olamaz"),
    /// The call event has no extension to report.
    LogoNoExtension = ("logo.no_extension", Error, "the call event has no connected_user or dialed_user extension to send as extension", "çağrı olayında extension olarak gönderilecek connected_user veya dialed_user dahilisi yok"),

    /// `caller_form` is not one of Logo's number forms.
    LogoCallerForm = ("logo.caller_form", Error, "caller_form must be national, bare or e164", "caller_form national, bare veya e164 olmalı"),
    /// `trigger` is not `answer` or `ringing`.
    LogoTrigger = ("logo.trigger", Error, "trigger must be answer or ringing", "trigger answer veya ringing olmalı"),

    // ---- TOML configuration files ----
    /// Text after a value on its line.
    TomlTrailingCharacters = ("toml.trailing_characters", Error, "unexpected text after the value: one setting per line", "değerden sonra beklenmeyen metin: satır başına bir ayar"),
    /// No key where one was expected.
    TomlExpectedKey = ("toml.expected_key", Error, "expected a key (letters, digits, '_' and '-', or a quoted string)", "anahtar bekleniyordu (harf, rakam, '_' ve '-' ya da tırnaklı metin)"),
    /// A TOML form this reader does not take.
    TomlUnsupported = ("toml.unsupported", Error, "not supported here: multi-line strings, dates, floats, dotted keys and nested arrays", "burada desteklenmiyor: çok satırlı metin, tarih, ondalık sayı, noktalı anahtar ve iç içe dizi"),
    /// A string without its closing quote on the line.
    TomlUnterminatedString = ("toml.unterminated_string", Error, "string has no closing quote on its line", "metnin satırında kapanış tırnağı yok"),
    /// An escape that TOML does not define.
    TomlInvalidEscape = ("toml.invalid_escape", Error, "invalid escape sequence in a string", "metinde geçersiz kaçış dizisi"),
    /// A raw control character in a string.
    TomlControlCharacter = ("toml.control_character", Error, "raw control character inside a string", "metin içinde kontrol karakteri"),
    /// A string that is not UTF-8.
    TomlInvalidUtf8 = ("toml.invalid_utf8", Error, "string is not valid UTF-8", "metin geçerli UTF-8 değil"),
    /// No value after `=`.
    TomlExpectedValue = ("toml.expected_value", Error, "expected a value: a quoted string, a whole number, true or false, or an array", "değer bekleniyordu: tırnaklı metin, tam sayı, true veya false ya da dizi"),
    /// A malformed or too large integer.
    TomlInvalidInteger = ("toml.invalid_integer", Error, "malformed whole number (no leading zeros; it must fit 64 bits)", "hatalı tam sayı (başta sıfır olmadan; 64 bite sığmalı)"),
    /// An array or inline table without its closing bracket.
    TomlUnterminatedArray = ("toml.unterminated_array", Error, "array or inline table is not closed", "dizi veya satır içi tablo kapatılmamış"),
    /// Two elements without a comma between them.
    TomlExpectedComma = ("toml.expected_comma", Error, "expected ',' or a closing bracket", "',' veya kapanış parantezi bekleniyordu"),
    /// A key without `=`.
    TomlExpectedEquals = ("toml.expected_equals", Error, "expected '=' after the key", "anahtardan sonra '=' bekleniyordu"),
    /// A table header without its closing bracket.
    TomlExpectedBracket = ("toml.expected_bracket", Error, "table header is not closed with ']' (or ']]')", "tablo başlığı ']' (veya ']]') ile kapatılmamış"),

    // ---- the gateway's configuration ----
    /// A setting the file does not define.
    ConfigUnknownKey = ("config.unknown_key", Warning, "unknown setting: it is ignored", "bilinmeyen ayar: yok sayılır"),
    /// A setting given twice.
    ConfigDuplicateKey = ("config.duplicate_key", Error, "setting appears more than once", "ayar birden fazla kez geçiyor"),
    /// A required setting is absent.
    ConfigMissing = ("config.missing", Error, "required setting is missing", "zorunlu ayar eksik"),
    /// A setting that must be a string.
    ConfigExpectedString = ("config.expected_string", Error, "expected a quoted string", "tırnaklı metin bekleniyordu"),
    /// A setting that must be a whole number.
    ConfigExpectedInteger = ("config.expected_integer", Error, "expected a whole number", "tam sayı bekleniyordu"),
    /// A setting that must be an array.
    ConfigExpectedArray = ("config.expected_array", Error, "expected an array: [\"…\", …]", "dizi bekleniyordu: [\"…\", …]"),
    /// A setting that must be an inline table.
    ConfigExpectedTable = ("config.expected_table", Error, "expected an inline table of extensions and agent ids", "dahili ve temsilci kimliklerinden oluşan satır içi tablo bekleniyordu"),
    /// A number outside its range.
    ConfigRange = ("config.range", Error, "number is outside the setting's range", "sayı ayarın aralığı dışında"),
    /// A sink kind the gateway does not have.
    ConfigSinkKind = ("config.sink_kind", Error, "sink kind must be logo-crm or webhook", "sink türü logo-crm veya webhook olmalı"),
    /// `listen` is not an address with a port.
    ConfigListen = ("config.listen", Error, "listen must be an IP address and port, such as 127.0.0.1:8096", "listen bir IP adresi ve port olmalı, örneğin 127.0.0.1:8096"),
    /// `database` is not `sqlite:PATH` or `postgres://…`.
    ConfigDatabase = ("config.database", Error, "database must be sqlite:PATH or postgres://user@host/db", "database sqlite:YOL veya postgres://kullanıcı@sunucu/vt olmalı"),
    /// `secret` is not a plain path segment.
    ConfigSecret = ("config.secret", Error, "secret must be letters, digits, '-' and '_' (it becomes a path segment)", "secret harf, rakam, '-' ve '_' olmalı (yol parçası olur)"),
    /// `ui_token` is too short or not a plain token.
    ConfigUiToken = ("config.ui_token", Error, "ui_token must be 16 to 128 letters, digits, '-' or '_'", "ui_token 16 ile 128 arası harf, rakam, '-' veya '_' olmalı"),
    /// A path that does not start with `/` or repeats another.
    ConfigPath = ("config.path", Error, "path must start with '/', hold no '?', '#' or space, and differ from the other path", "yol '/' ile başlamalı, '?', '#' veya boşluk içermemeli ve diğer yoldan farklı olmalı"),
    /// More entries than the gateway keeps.
    ConfigTooMany = ("config.too_many", Error, "too many entries (16 sinks or numbers, 64 address blocks)", "çok fazla giriş (16 sink veya numara, 64 adres bloğu)"),
    /// No sink: events are kept but delivered nowhere.
    ConfigNoSink = ("config.no_sink", Warning, "no [[sink]]: events are kept but delivered nowhere", "[[sink]] yok: olaylar saklanır ama hiçbir yere iletilmez"),

    // ---- originate and transport replies (SPEC §14, §16) ----
    /// `timeout` outside 10..=60.
    OriginateTimeoutRange = ("originate.timeout_range", Error, "timeout must be 10 to 60 seconds", "timeout 10 ile 60 saniye arasında olmalı"),
    /// The PBX rejected the API key.
    ResponseInvalidKey = ("response.invalid_key", Error, "the PBX rejected the API key (Gecersiz anahtar)", "santral API anahtarını reddetti (Gecersiz anahtar)"),
    /// The PBX says the campaign name is blank.
    ResponseNameBlank = ("response.name_blank", Error, "the PBX says the campaign name is blank", "santral kampanya adının boş olduğunu bildirdi"),
    /// The PBX has no such campaign.
    ResponseCampaignNotFound = ("response.campaign_not_found", Error, "the PBX has no campaign with this id", "santralde bu ID ile kampanya yok"),
    /// The PBX has no such extension.
    ResponseExtensionNotFound = ("response.extension_not_found", Error, "the PBX has no such extension", "santralde böyle bir dahili yok"),
    /// The PBX has no such call.
    ResponseCallNotFound = ("response.call_not_found", Error, "the PBX has no call with this uuid", "santralde bu uuid ile çağrı yok"),
    /// The PBX could not parse the JSON sent.
    ResponseInvalidJson = ("response.invalid_json", Error, "the PBX could not parse the JSON it was sent (INVALID_JSON)", "santral gönderilen JSON'u çözümleyemedi (INVALID_JSON)"),
    /// The PBX answered 429: the endpoint's rate budget is spent.
    ResponseRateLimited = ("response.rate_limited", Error, "the PBX answered 429 Too Many Requests: wait and retry with backoff", "santral 429 Too Many Requests döndü: bekleyip artan aralıklarla yeniden deneyin"),
    /// The PBX says a required field is blank (`<field> can't be blank`).
    ResponseBlank = ("response.blank", Error, "the PBX says a required field is blank", "santral zorunlu bir alanın boş olduğunu bildirdi"),
    /// The PBX says a field is invalid (`<field> is invalid`).
    ResponseInvalid = ("response.invalid", Error, "the PBX says a field is invalid", "santral bir alanın geçersiz olduğunu bildirdi"),
    /// A URL did not answer the PBX's test POST with 200.
    ResponseUrlNotVerified = ("response.url_not_verified", Error, "the URL did not answer the PBX's empty test POST with 200", "URL santralin boş test POST isteğine 200 ile cevap vermedi"),
    /// No such endpoint (404), or the method is not the endpoint's (405).
    ResponseNoEndpoint = ("response.no_endpoint", Error, "the PBX has no such endpoint or method", "santralde böyle bir uç nokta veya yöntem yok"),
    /// A reply the core does not recognise.
    ResponseUnexpected = ("response.unexpected", Error, "unexpected reply from the PBX; its text is kept", "santralden beklenmeyen cevap; metni saklandı"),
    /// `No such channel!`: no live call has this uuid.
    ResponseNoSuchChannel = ("response.no_such_channel", Error, "the PBX has no live call with this uuid (No such channel!)", "santralde bu uuid ile devam eden çağrı yok (No such channel!)"),
    /// `cannot find <record> with id: <id>` and its kin: no such record.
    ResponseNotFound = ("response.not_found", Error, "the PBX has no record with this id", "santralde bu kimlikle kayıt yok"),
    /// `Sound file should have one of these extensions: …`.
    ResponseSoundFormat = ("response.sound_format", Error, "the PBX refused the sound file's type", "santral ses dosyasının türünü reddetti"),
    /// `invalid base64`: the file data could not be decoded.
    ResponseInvalidData = ("response.invalid_data", Error, "the PBX could not decode the file data (invalid base64)", "santral dosya verisini çözemedi (invalid base64)"),
    /// `cannot find employee for extension`: no staff account for the web phone.
    ResponseNoEmployee = ("response.no_employee", Error, "the extension has no staff account (personel hesabı) for the web phone", "dahilinin web telefonu için personel hesabı yok"),

    // ---- OpenCart order calls (SPEC §11) ----
    /// `route` is not one of the vendor's three routes.
    OpencartUnknownRoute = ("opencart.unknown_route", Error, "route must be api/verimor/get_order_by_telephone_number, update_order_status or list_orders", "route api/verimor/get_order_by_telephone_number, update_order_status veya list_orders olmalı"),
    /// An order status id the vendor's table does not list.
    OpencartUnknownStatus = ("opencart.unknown_status", Warning, "order status id is not one of OpenCart's default statuses (shops may add their own)", "sipariş durum ID'si OpenCart'ın varsayılan durumlarından biri değil (mağazalar kendi durumlarını ekleyebilir)"),
    /// `date_added` carries a zone.
    OpencartDateAddedZone = ("opencart.date_added_zone", Error, "date_added must be YYYY-MM-DD HH:MM:SS without a zone", "date_added bölge bilgisi olmadan YYYY-AA-GG SS:DD:ss olmalı"),
    /// An address or CIDR block that does not parse.
    OpencartCidr = ("opencart.cidr", Error, "address must be an IPv4 or IPv6 address, optionally /prefix", "adres IPv4 veya IPv6 adresi olmalı, isteğe bağlı /önek ile"),
    /// A reply of an unknown shape.
    OpencartReply = ("opencart.reply", Error, "reply is not one of the shapes the OpenCart plugin sends", "cevap OpenCart eklentisinin gönderdiği biçimlerden biri değil"),
    /// A reply of a known shape, but not one the request's route sends.
    OpencartReplyForRoute = ("opencart.reply_for_route", Error, "reply is a shape the plugin sends, but not for this route", "cevap eklentinin gönderdiği bir biçimde, ama bu route için değil"),
    /// An order's `order_id` is not a positive integer.
    OpencartOrderId = ("opencart.order_id", Error, "order_id must be a positive integer (the PBX updates the order by it)", "order_id pozitif bir tam sayı olmalı (santral siparişi bununla günceller)"),
    /// An order's `order_status_id` is not a non-negative integer.
    OpencartOrderStatusId = ("opencart.order_status_id", Error, "order_status_id must be an integer status id", "order_status_id tam sayı bir durum ID'si olmalı"),
    /// A listed order that is not cash on delivery awaiting approval.
    OpencartNotPending = ("opencart.not_pending", Warning, "the shop listed an order that is not cash on delivery awaiting approval (status 1): it is not called", "mağaza kapıda ödemeli ve onay bekleyen (durum 1) olmayan bir sipariş listeledi: aranmaz"),
    /// The shop refused the PBX's API key at login: a readable answer (the
    /// login's `Reply::Error`) whose meaning this warning names.
    OpencartKeyRefused = ("opencart.key_refused", Warning, "the shop refused the API key (OpenCart answers a key it does not know with an empty list or a key error): check the key in the panel's e-commerce settings against OpenCart's API user", "mağaza API anahtarını reddetti (OpenCart tanımadığı anahtara boş liste ya da anahtar hatası döner): paneldeki e-ticaret ayarlarındaki anahtarı OpenCart'ın API kullanıcısıyla karşılaştırın"),
    /// A listed order whose telephone the PBX cannot call: customer data, not a shop fault.
    OpencartOrderPhone = ("opencart.order_phone", Warning, "the order's telephone is not a number the PBX can call: the order is reported, not called (the customer's data, not a fault of the shop)", "siparişin telefonu santralin arayabileceği bir numara değil: sipariş aranmaz, raporlanır (müşterinin verisi, mağazanın hatası değil)"),
    /// The lookup found an abandoned checkout (status 0).
    OpencartAbandonedCheckout = ("opencart.abandoned_checkout", Warning, "the order found has status 0, an abandoned checkout: it is no order to talk about and is treated as not found", "bulunan siparişin durumu 0, yarım kalmış bir ödeme: konuşulacak bir sipariş değil, bulunamadı sayılır"),
    /// A listed order was added later than the PBX's now in Turkish time.
    OpencartShopClock = ("opencart.shop_clock", Warning, "the order was added later than the PBX's now in Turkish time: the shop's clock or time zone is not Turkey's, and the day's listing may miss orders", "sipariş santralin Türkiye saatiyle şimdisinden sonra eklenmiş: mağazanın saati ya da saat dilimi Türkiye'ninki değil, günün listesi sipariş kaçırabilir"),

    // ---- Baselinker ↔ Optimakers order-sync settings (SPEC §12) ----
    /// A `key=value` line without `=`.
    OrderSyncSyntax = ("order_sync.syntax", Error, "line must be KEY=VALUE", "satır ANAHTAR=DEĞER biçiminde olmalı"),
    /// A setting appears twice.
    OrderSyncDuplicateKey = ("order_sync.duplicate_key", Error, "setting appears more than once", "ayar birden fazla kez geçiyor"),
    /// A setting the integration does not define.
    OrderSyncUnknownKey = ("order_sync.unknown_key", Warning, "unknown setting: the integration ignores it", "bilinmeyen ayar: entegrasyon bunu yok sayar"),
    /// A required setting is absent.
    OrderSyncMissingKey = ("order_sync.missing_key", Error, "required setting is missing", "zorunlu ayar eksik"),
    /// A key or token is empty or holds whitespace.
    OrderSyncSecret = ("order_sync.secret", Error, "API keys and tokens must be non-empty and without whitespace", "API anahtarları ve token'lar boş olmamalı ve boşluk içermemeli"),
    /// A currency label that is not an ISO 4217 code.
    OrderSyncCurrency = ("order_sync.currency", Warning, "currency is not an ISO 4217 code", "para birimi bir ISO 4217 kodu değil"),
    /// A VAT label that is not a rate 0–100 % or an exempt code.
    OrderSyncVatRate = ("order_sync.vat_rate", Warning, "VAT rate must be 0 to 100 (%) or one of zw, np, oo", "KDV oranı 0 ile 100 (%) arasında veya zw, np, oo olmalı"),

    // ---- call records (SPEC §15) ----
    /// A record value that does not parse (kept as text).
    CdrMalformedValue = ("cdr.malformed_value", Warning, "value does not have the documented form; kept as text", "değer belgelenen biçimde değil; metin olarak saklandı"),
    /// Talk time longer than the whole call.
    CdrTalkExceedsDuration = ("cdr.talk_exceeds_duration", Warning, "talk_duration is longer than duration", "talk_duration, duration değerinden uzun"),
    /// A filter range longer than 31 days.
    CdrRangeTooLong = ("cdr.range_too_long", Error, "start_stamp_from..start_stamp_to may not exceed 31 days", "start_stamp_from..start_stamp_to aralığı 31 günü aşamaz"),
    /// A filter range that ends before it starts.
    CdrRangeOrder = ("cdr.range_order", Error, "start_stamp_to is before start_stamp_from", "start_stamp_to, start_stamp_from değerinden önce"),
    /// `recording_present` filter is not `true`, `false` or `deleted`.
    CdrRecordingFilter = ("cdr.recording_filter", Error, "recording_present must be true, false or deleted", "recording_present true, false veya deleted olmalı"),
    /// `limit` outside 10..=100.
    CdrLimitRange = ("cdr.limit_range", Error, "limit must be 10 to 100", "limit 10 ile 100 arasında olmalı"),
    /// `page` below 1.
    CdrPageRange = ("cdr.page_range", Error, "page must be 1 or more", "page 1 veya daha büyük olmalı"),
    /// A filter timestamp not in UTC.
    CdrFilterZone = ("cdr.filter_zone", Error, "filter timestamps are written in UTC (2017-08-03 12:30:32 UTC)", "filtre zaman damgaları UTC olarak yazılır (2017-08-03 12:30:32 UTC)"),

    // ---- API operations' parameters (api::operations) ----
    /// A parameter the operation does not take.
    ApiUnknownParam = ("api.unknown_param", Error, "the operation takes no parameter of this name", "işlem bu adda bir parametre almıyor"),
    /// A required parameter is absent or empty.
    ApiMissingParam = ("api.missing_param", Error, "a required parameter is missing", "zorunlu bir parametre eksik"),
    /// A number outside the range the vendor documents.
    ApiRange = ("api.range", Error, "number is outside the range the operation documents", "sayı işlemin belgelediği aralığın dışında"),
    /// Not `true` or `false`.
    ApiBoolean = ("api.boolean", Error, "value must be true or false", "değer true veya false olmalı"),
    /// Not one of the documented choices.
    ApiChoice = ("api.choice", Error, "value is not one of the documented choices", "değer belgelenen seçeneklerden biri değil"),
    /// A text that is empty, too long, or holds a control character.
    ApiText = ("api.text", Error, "text is empty, longer than allowed, or holds a control character", "metin boş, izin verilenden uzun veya kontrol karakteri içeriyor"),
    /// A day not written `dd.mm.yyyy`, or not on the calendar.
    ApiDate = ("api.date", Error, "date must be a calendar day written dd.mm.yyyy", "tarih gg.aa.yyyy biçiminde geçerli bir gün olmalı"),
    /// A field the vendor requires when another one is set.
    ApiRequiredWhen = ("api.required_when", Error, "required because a related field is set", "ilgili alan verildiği için zorunlu"),
    /// Not a data URL `data:<type>[;name:<name>];base64,<data>`.
    ApiDataUrl = ("api.data_url", Error, "file data must be a data URL: data:<type>;base64,<data>", "dosya verisi data URL olmalı: data:<tür>;base64,<veri>"),
    /// Base64 with `+`, `/`, line breaks or other characters the PBX refuses.
    ApiBase64 = ("api.base64", Error, "base64 must use the URL-safe alphabet (- and _ for + and /) without line breaks", "base64 satır sonu olmadan URL-safe alfabeyle yazılmalı (+ ve / yerine - ve _)"),
    /// A sound file whose type the PBX does not take.
    ApiSoundFormat = ("api.sound_format", Error, "sound file must be wav, mp3, wma, m4a, aac, ac3, amr, flac, gsm, mpeg, mp1, mp2, ra, spx, ogg or 3gp", "ses dosyası wav, mp3, wma, m4a, aac, ac3, amr, flac, gsm, mpeg, mp1, mp2, ra, spx, ogg veya 3gp olmalı"),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Code {
    /// Finds a code by its dotted id.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id() == id)
    }

    /// A stable number for the code, for C and PHP callers: the 32-bit
    /// FNV-1a hash of its dotted id, so it never changes when codes are
    /// added (a test guards against collisions).
    #[allow(clippy::indexing_slicing)] // i < id.len() by the loop condition
    pub const fn number(self) -> u32 {
        let id = self.id().as_bytes();
        let mut hash: u32 = 0x811c_9dc5;
        let mut i = 0;
        while i < id.len() {
            hash ^= id[i] as u32;
            hash = hash.wrapping_mul(0x0100_0193);
            i += 1;
        }
        hash
    }

    /// Finds a code by its [`number`](Code::number).
    pub fn from_number(number: u32) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.number() == number)
    }
}
