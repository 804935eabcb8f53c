// The conformance vectors through the generated Kotlin bindings on the JVM
// (JNA to libsantral_uniffi; gson, from Debian's libgoogle-gson-java,
// reads the vectors). Prints each outcome for conformance/compare.py.
//   java -cp app.jar:jna.jar:gson.jar ConformanceKt conformance/vectors.jsonl
import com.google.gson.Gson
import com.google.gson.GsonBuilder
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import uniffi.santral_uniffi.*

val ENTRIES = listOf(
    "phone", "same_number", "match_key", "target", "phrase", "check", "call_event", "campaign_report",
    "advisory_request", "transfer", "prompt", "record", "speech_to_text", "campaign_build", "logo", "codes",
    "api_request", "api_reply",
)

fun JsonObject.str(k: String): String? = get(k)?.takeIf { !it.isJsonNull }?.asString
fun JsonObject.bool(k: String): Boolean? = get(k)?.takeIf { !it.isJsonNull }?.asBoolean
fun JsonObject.ulong(k: String): ULong? = get(k)?.takeIf { !it.isJsonNull }?.asLong?.toULong()
fun JsonObject.uint(k: String): UInt? = get(k)?.takeIf { !it.isJsonNull }?.asLong?.toUInt()
fun JsonObject.dbl(k: String): Double? = get(k)?.takeIf { !it.isJsonNull }?.asDouble

fun s(v: String?): JsonElement = if (v == null) JsonNull.INSTANCE else JsonPrimitive(v)
fun n(v: ULong?): JsonElement = if (v == null) JsonNull.INSTANCE else JsonPrimitive(v.toLong())
fun n(v: UInt?): JsonElement = if (v == null) JsonNull.INSTANCE else JsonPrimitive(v.toLong())
fun b(v: Boolean?): JsonElement = if (v == null) JsonNull.INSTANCE else JsonPrimitive(v)

fun obj(vararg pairs: Pair<String, JsonElement>): JsonObject {
    val o = JsonObject()
    for ((k, v) in pairs) o.add(k, v)
    return o
}

fun arr(items: List<JsonElement>): JsonArray {
    val a = JsonArray()
    items.forEach { a.add(it) }
    return a
}

fun diag(d: Diagnostic): JsonObject = obj(
    "severity" to s(d.severity), "code" to s(d.code), "path" to s(d.path), "offset" to n(d.offset),
    "end" to n(d.end), "line" to n(d.line), "column" to n(d.column), "suggestion" to s(d.suggestion),
    "related" to (d.related?.let { arr(listOf(n(it.offset), n(it.end), n(it.line), n(it.column))) } ?: JsonNull.INSTANCE),
)

fun first(e: SantralException.Invalid): JsonObject = diag(e.diagnostics.firstOrNull { it.severity == "error" } ?: e.diagnostics[0])

fun raw(a: JsonObject): ByteArray =
    a.str("input")?.toByteArray(Charsets.UTF_8)
        ?: a.str("input_hex")!!.chunked(2).map { it.toInt(16).toByte() }.toByteArray()

fun okOrError(f: () -> JsonElement): JsonObject =
    try { obj("ok" to f()) } catch (e: SantralException.Invalid) { obj("error" to first(e)) }

fun stamp(t: String?): JsonElement = s(t?.replace("Z", "+00:00"))
fun key(p: PhoneInfo?): JsonElement = s(p?.matchKey)

fun phone(p: PhoneInfo): JsonObject = obj(
    "valid" to b(p.valid), "kind" to s(p.kind), "country_code" to JsonPrimitive(p.countryCode.toInt()), "region" to s(p.region),
    "national_number" to s(p.nationalNumber), "e164" to s(p.e164), "wire" to s(p.wire), "national" to s(p.national),
    "international" to s(p.international), "display" to s(p.display), "display_international" to s(p.displayInternational),
    "display_in_region" to s(p.displayInRegion),
    "match_key" to s(p.matchKey), "warning" to s(p.warning),
)

fun run(entry: String, a: JsonObject): JsonElement = when (entry) {
    "phone" -> okOrError { phone(parsePhone(a.str("input")!!, a.bool("lenient"), a.bool("allow_extension"), a.bool("extension_first"), a.str("region"))) }
    "same_number" -> obj("same" to b(sameNumber(a.str("a")!!, a.str("b")!!)))
    "match_key" -> okOrError { s(matchKey(a.str("input")!!)) }
    "target" -> okOrError {
        val t = parseTarget(a.str("input")!!, a.str("context"))
        obj("kind" to s(t.kind), "text" to s(t.text), "announcement_id" to n(t.announcementId))
    }
    "phrase" -> try {
        obj("valid" to b(true), "announcement_ids" to arr(checkPhrase(a.str("input")!!).map { n(it) }), "diagnostics" to JsonArray())
    } catch (e: SantralException.Invalid) {
        obj("valid" to b(false), "announcement_ids" to JsonNull.INSTANCE, "diagnostics" to arr(e.diagnostics.map { diag(it) }))
    }
    "check" -> try {
        val r = check(a.str("kind")!!, raw(a), a.str("today"), a.str("param_name"), a.ulong("max_diagnostics"), a.ulong("duplicate_leads"))
        obj(
            "valid" to b(r.valid), "errors" to n(r.errors), "warnings" to n(r.warnings),
            "diagnostics" to arr(r.diagnostics.map { diag(it) }), "diagnostics_omitted" to n(r.diagnosticsOmitted),
            "summary" to JsonParser.parseString(r.summaryJson),
        )
    } catch (e: SantralException.Invalid) {
        obj("option_error" to first(e))
    }
    "call_event" -> try {
        val e = parseCallEvent(raw(a))
        obj("ok" to obj(
            "event_type" to s(e.eventType), "direction" to s(e.direction), "call_uuid" to s(e.callUuid),
            "domain_id" to n(e.domainId), "caller_id_number" to key(e.callerIdNumber),
            "outbound_caller_id_number" to key(e.outboundCallerIdNumber), "destination_number" to key(e.destinationNumber),
            "dialed_user" to key(e.dialedUser), "connected_user" to key(e.connectedUser), "start_stamp" to stamp(e.startStamp),
            "answer_stamp" to stamp(e.answerStamp), "end_stamp" to stamp(e.endStamp), "duration" to n(e.durationSeconds),
            "answered" to b(e.answered), "hangup_cause" to s(e.hangupCause), "warnings" to arr(e.warnings.map { diag(it) }),
        ))
    } catch (err: SantralException.Invalid) {
        obj("error" to arr(err.diagnostics.map { diag(it) }))
    }
    "campaign_report" -> try {
        val r = parseCampaignReport(raw(a))
        obj("ok" to obj(
            "notification_id" to n(r.notificationId), "notification_date" to stamp(r.notificationDate),
            "ivr_campaign_id" to n(r.ivrCampaignId), "ivr_lead_id" to n(r.ivrLeadId), "phone" to key(r.phone),
            "digit" to s(r.digit), "key" to s(r.key), "status" to s(r.status), "answered" to b(r.answered),
            "call_uuid" to s(r.callUuid), "warnings" to arr(r.warnings.map { diag(it) }),
        ))
    } catch (err: SantralException.Invalid) {
        obj("error" to arr(err.diagnostics.map { diag(it) }))
    }
    "advisory_request" -> try {
        val q = parseAdvisoryRequest(a.str("input")!!, a.str("param_name"))
        obj("ok" to obj(
            "uuid" to s(q.uuid), "cli" to (q.cli?.let { s(it.matchKey) } ?: JsonNull.INSTANCE), "cld" to s(q.cld.matchKey), "step" to n(q.step),
            "digits" to s(q.digits), "error" to s(q.error), "result" to s(q.result),
        ))
    } catch (err: SantralException.Invalid) {
        if (err.diagnostics.all { it.path == "param_name" }) obj("option_error" to first(err))
        else obj("error" to arr(err.diagnostics.map { diag(it) }))
    }
    "transfer" -> okOrError {
        s(buildTransfer(a.str("target")!!, a.str("greet_name"), a.str("greet_phrase"), a.str("lang"),
            a.ulong("announcement_to_caller"), a.ulong("announcement_to_callee"), a.bool("recording_enabled")))
    }
    "prompt" -> okOrError {
        s(buildPrompt(a.uint("min_digits")!!, a.uint("max_digits")!!, a.uint("retry_count")!!, a.ulong("announcement_id"),
            a.str("phrase"), a.dbl("phrase_speed"), a.str("lang"), a.uint("timeout"), a.uint("digit_timeout"),
            a.str("service_url"), a.str("param_name")))
    }
    "record" -> okOrError { s(buildRecord(a.ulong("announcement_id"), a.str("phrase"), a.str("lang"))) }
    "speech_to_text" -> okOrError { s(buildSpeechToText(a.ulong("announcement_id")!!, a.uint("recognation_duration"))) }
    "campaign_build" -> okOrError {
        val leads = a.getAsJsonArray("leads").map { l ->
            val x = l.asJsonArray
            Lead(x[0].asString, x[1].takeIf { !it.isJsonNull }?.asString, x[2].takeIf { !it.isJsonNull }?.asString)
        }
        s(buildCampaign(a.str("header")!!, leads))
    }
    "logo" -> try {
        val body = logoFromEvent(raw(a), a.str("keypress"), a.str("caller_form"), a.str("agent_id"), a.str("trigger"))
        obj("status" to s(if (body != null) "ok" else "not_trigger"), "body" to s(body), "error" to JsonNull.INSTANCE)
    } catch (e: SantralException.Invalid) {
        obj("status" to s("invalid"), "body" to JsonNull.INSTANCE, "error" to first(e))
    } catch (e: SantralException.Argument) {
        obj("argument_error" to s(e.reason.substringBefore(":")))
    }
    "codes" -> obj("codes" to arr(codeIds().map { s(it) }))
    "api_request" -> if (a.str("operation") !in apiOperations()) obj("argument_error" to s("operation")) else {
        val params = a.entrySet().filter { it.key != "operation" && it.key != "key" && !it.value.isJsonNull }
            .map { ApiParam(it.key, it.value.asJsonPrimitive.let { p -> if (p.isNumber) p.asLong.toString() else p.asString }) }
        val r = apiPrepare(a.str("operation")!!, a.str("key") ?: "", params)
        obj(
            "method" to s(r.method), "target" to s(r.target), "content_type" to s(r.contentType), "body" to s(r.body),
            "redacted" to s(r.redacted), "idempotent" to b(r.idempotent), "pool" to s(r.pool), "valid" to b(r.valid),
            "diagnostics" to arr(r.diagnostics.map { diag(it) }),
        )
    }
    "api_reply" -> {
        val status = a.get("status").asInt
        val r = apiReadReply(a.str("operation")!!, status.toUShort(), a.str("body")!!.toByteArray(Charsets.UTF_8))
        apiReply(r, status)
    }
    else -> throw IllegalStateException(entry)
}

fun apiReply(r: ApiReply, status: Int): JsonObject {
    if (r.kind == "failure") {
        return obj("failure" to obj("code" to s(r.code), "status" to JsonPrimitive(status), "transient" to b(r.transient), "text" to s(r.text)))
    }
    val rows = r.records.map { rec ->
        val o = JsonObject()
        val bad = JsonObject()
        for (f in rec) {
            o.add(f.name, JsonParser.parseString(f.json))
            f.malformed?.let { bad.addProperty(f.name, it) }
        }
        if (bad.size() > 0) o.add("malformed", bad)
        o
    }
    val p = r.pagination
    val pagination: JsonElement = if (p == null) JsonNull.INSTANCE else obj(
        "page" to n(p.page), "total_count" to n(p.totalCount), "total_pages" to n(p.totalPages), "limit" to n(p.limit),
    )
    val k = s(r.kind)
    return when (r.kind) {
        "ok" -> obj("success" to k)
        "campaign_created" -> obj("success" to k, "campaign_id" to n(r.id))
        "id" -> obj("success" to k, "id" to n(r.id))
        "call_started" -> obj("success" to k, "call_uuid" to s(r.text))
        "token" -> obj("success" to k, "token" to s(r.text))
        "dnd" -> obj("success" to k, "extension" to s(r.text), "state" to s(r.detail))
        "url" -> obj("success" to k, "url" to s(r.text), "expires_at" to s(r.detail))
        "crm_settings" -> obj("success" to k, "settings" to rows[0])
        "cdr" -> obj("success" to k, "call_uuid" to rows[0].get("call_uuid"), "steps" to n(r.steps))
        "cdrs" -> obj("success" to k, "call_uuids" to arr(rows.map { it.get("call_uuid") }), "pagination" to pagination)
        else -> obj("success" to k, "records" to arr(rows), "pagination" to pagination)
    }
}

fun main(args: Array<String>) {
    val gson: Gson = GsonBuilder().serializeNulls().disableHtmlEscaping().create()
    val out = System.out.bufferedWriter()
    val missing = JsonObject()
    missing.addProperty("api_incoming", "the PBX's side: the simulator's face")
    missing.addProperty("api_route", "the PBX's side of every operation in both dialects, read into parameters by the core; the simulator answers them (api_incoming: the operation it read)")
    missing.addProperty("client_address", "a webhook receiver's transport check: apps receive no webhooks (the gateway, the Python kit, the PHP handler and C have it)")
    missing.addProperty("form_fields", "the fields a receiver hands its callback: apps receive no webhooks")
    missing.addProperty("receive", "a receiver's answers: apps receive no webhooks")
    missing.addProperty("advisory_answer", "a routing service's answer: apps receive no webhooks")
    out.write(gson.toJson(obj("face" to s("kotlin"), "entries" to arr(ENTRIES.map { s(it) }), "missing" to missing)))
    out.newLine()
    java.io.File(args[0]).forEachLine { line ->
        if (line.isBlank()) return@forEachLine
        val v = JsonParser.parseString(line).asJsonObject
        val entry = v.str("entry")!!
        if (entry in ENTRIES) {
            out.write(gson.toJson(obj("id" to v.get("id"), "outcome" to run(entry, v.getAsJsonObject("args")))))
            out.newLine()
        }
    }
    out.flush()
}
