// Runs the generated Kotlin bindings on the JVM against libsantral_uniffi.
import uniffi.santral_uniffi.*

var passed = 0
var failed = 0

fun check(cond: Boolean, what: String) {
    if (cond) passed++ else { failed++; System.err.println("FAILED: $what") }
}

fun main(args: Array<String>) {
    val vendor = java.io.File(args[0])

    val phone = parsePhone("05321234567")
    check(phone.kind == "mobile" && phone.e164 == "+905321234567" && phone.valid, "parsed phone")
    check(parsePhone("+90 (532) 123 45 67", lenient = true).display == "0532 123 45 67", "lenient + display")
    check(parsePhone("4441234").e164 == null, "a 444 number has no E.164")
    check(sameNumber("05334979714", "+90 533 497 97 14"), "same subscriber")
    check(matchKey("905334979714") == "5334979714", "match key")

    try {
        parsePhone("0532-123")
        check(false, "bad phone must throw")
    } catch (e: SantralException.Invalid) {
        check(e.code == "phone.invalid_character" && e.offset == 4UL, "error mapped to a Kotlin exception")
    }

    val report = check("campaign", java.io.File(vendor, "campaign_ivr_seed004.json").readBytes())
    check(!report.valid && report.errors == 1UL, "vendor sample invalid")
    val d = report.diagnostics[0]
    check(d.code == "json.expected_comma" && d.line == 35u && d.column == 9u && d.path == "phone_list", "line 35 column 9")
    check(report.summaryJson.contains("\"call_type\":\"ivr\""), "summary JSON")
    try {
        check("nope", ByteArray(0))
        check(false, "unknown kind must throw")
    } catch (e: SantralException.Argument) {
        check(e.reason.contains("unknown kind"), "argument error")
    }

    val event = parseCallEvent(
        "event_type=hangup&direction=inbound&caller_id_number=05321234567&call_uuid=a1&answered=false&hangup_cause=NO_ANSWER".toByteArray()
    )
    check(event.eventType == "hangup" && event.answered == false && event.hangupCauseTr == "Cevapsız", "call event")
    check(isVerificationPing("{}".toByteArray()), "ping")
    check(parseTarget("queue/201", "advisory").kind == "queue", "target")
    try {
        parseTarget("usr/1000")
        check(false, "bad target must throw")
    } catch (e: SantralException.Invalid) {
        check(e.code == "target.unknown_kind" && e.suggestion == "user", "target suggestion")
    }
    check(buildTransfer("queue/201") == "{\"transfer\":{\"target\":\"queue/201\"}}", "transfer builder")
    check(checkPhrase("#456 15/11/2017 #457 73.56 #458") == listOf(456UL, 457UL, 458UL), "phrase ids")
    val logo = logoFromEvent(
        "event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001".toByteArray(),
        keypress = "2",
    )
    check(logo == "{\"callUniqueId\":\"A000001\",\"extension\":\"911\",\"agentId\":\"911\",\"callerId\":\"05334979714\",\"keypress\":\"2\"}", "logo")

    println("kotlin: $passed passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}
