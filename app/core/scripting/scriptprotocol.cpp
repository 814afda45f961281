#include "scriptprotocol.h"

#include <QJsonArray>
#include <QStringDecoder>

namespace ApiLens::Core {

namespace {

QString phaseId(ScriptInput::Phase phase)
{
    switch (phase) {
    case ScriptInput::Phase::BeforeRequest:
        return QStringLiteral("before");
    case ScriptInput::Phase::Expression:
        return QStringLiteral("expression");
    case ScriptInput::Phase::AfterResponse:
        break;
    }
    return QStringLiteral("after");
}

QJsonObject stringMap(const QHash<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

QHash<QString, QString> stringMapFromJson(const QJsonValue &value)
{
    QHash<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        map.insert(it.key(), it->isString() ? it->toString() : QString());
    }
    return map;
}

QJsonObject valueMap(const QHash<QString, QJsonValue> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

QHash<QString, QJsonValue> valueMapFromJson(const QJsonValue &value)
{
    QHash<QString, QJsonValue> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        map.insert(it.key(), *it);
    }
    return map;
}

// Text when the bytes are UTF-8 (what scripts read as response.body), base64 otherwise.
void insertBody(QJsonObject *object, const QByteArray &body)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(body);
    if (decoder.hasError()) {
        object->insert(QStringLiteral("bodyBase64"), QString::fromLatin1(body.toBase64()));
    } else {
        object->insert(QStringLiteral("body"), text);
    }
}

QJsonObject messageJson(const ScriptMessage &message)
{
    QJsonArray headers;
    for (const auto &header : message.headers) {
        headers.append(QJsonArray{header.first, header.second});
    }
    QJsonObject object{
        {QStringLiteral("method"), message.method}, {QStringLiteral("url"), message.url},
        {QStringLiteral("headers"), headers},       {QStringLiteral("status"), message.status},
        {QStringLiteral("reason"), message.reason}, {QStringLiteral("durationMs"), message.durationMs}};
    insertBody(&object, message.body);
    return object;
}

ScriptMessage messageFromJson(const QJsonObject &object)
{
    ScriptMessage message;
    message.method = object.value(QStringLiteral("method")).toString();
    message.url = object.value(QStringLiteral("url")).toString();
    for (const QJsonValue &header : object.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray pair = header.toArray();
        message.headers.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    message.status = object.value(QStringLiteral("status")).toInt();
    message.reason = object.value(QStringLiteral("reason")).toString();
    message.durationMs = object.value(QStringLiteral("durationMs")).toDouble();
    message.body =
        object.contains(QStringLiteral("bodyBase64"))
            ? QByteArray::fromBase64(object.value(QStringLiteral("bodyBase64")).toString().toLatin1())
            : object.value(QStringLiteral("body")).toString().toUtf8();
    return message;
}

} // namespace

QJsonObject toJson(const ScriptInput &input)
{
    QJsonObject object{{QStringLiteral("phase"), phaseId(input.phase)},
                       {QStringLiteral("dialect"), input.dialect},
                       {QStringLiteral("code"), input.code},
                       {QStringLiteral("origin"), input.origin},
                       {QStringLiteral("scope"), input.scope},
                       {QStringLiteral("line"), input.line},
                       {QStringLiteral("requestName"), input.requestName},
                       {QStringLiteral("environmentName"), input.environmentName},
                       {QStringLiteral("globals"), valueMap(input.globals)},
                       {QStringLiteral("variables"), stringMap(input.variables)},
                       {QStringLiteral("environment"), stringMap(input.environment)},
                       {QStringLiteral("request"), messageJson(input.request)},
                       {QStringLiteral("timeLimitMs"), input.timeLimitMs}};
    if (input.response) {
        object.insert(QStringLiteral("response"), messageJson(*input.response));
    }
    return object;
}

ScriptInput scriptInputFromJson(const QJsonObject &object)
{
    ScriptInput input;
    const QString phase = object.value(QStringLiteral("phase")).toString();
    input.phase = phase == QLatin1String("before")       ? ScriptInput::Phase::BeforeRequest
                  : phase == QLatin1String("expression") ? ScriptInput::Phase::Expression
                                                         : ScriptInput::Phase::AfterResponse;
    input.dialect = object.value(QStringLiteral("dialect")).toString();
    input.code = object.value(QStringLiteral("code")).toString();
    input.origin = object.value(QStringLiteral("origin")).toString();
    input.scope = object.value(QStringLiteral("scope")).toString();
    input.line = qMax(1, object.value(QStringLiteral("line")).toInt(1));
    input.requestName = object.value(QStringLiteral("requestName")).toString();
    input.environmentName = object.value(QStringLiteral("environmentName")).toString();
    input.globals = valueMapFromJson(object.value(QStringLiteral("globals")));
    input.variables = stringMapFromJson(object.value(QStringLiteral("variables")));
    input.environment = stringMapFromJson(object.value(QStringLiteral("environment")));
    input.request = messageFromJson(object.value(QStringLiteral("request")).toObject());
    if (object.contains(QStringLiteral("response"))) {
        input.response = messageFromJson(object.value(QStringLiteral("response")).toObject());
    }
    input.timeLimitMs =
        qBound(1, object.value(QStringLiteral("timeLimitMs")).toInt(ScriptTimeLimitMs), 60000);
    return input;
}

QJsonObject toJson(const ScriptOutcome &outcome)
{
    QJsonArray tests;
    for (const AssertionResult &test : outcome.tests) {
        tests.append(QJsonObject{{QStringLiteral("name"), test.assertion},
                                 {QStringLiteral("passed"), test.outcome == AssertionResult::Outcome::Passed},
                                 {QStringLiteral("message"), test.message}});
    }
    QJsonObject object{{QStringLiteral("globals"), valueMap(outcome.globals)},
                       {QStringLiteral("unset"), QJsonArray::fromStringList(outcome.unset)},
                       {QStringLiteral("requestVariables"), stringMap(outcome.requestVariables)},
                       {QStringLiteral("tests"), tests},
                       {QStringLiteral("log"), QJsonArray::fromStringList(outcome.log)},
                       {QStringLiteral("error"), outcome.error},
                       {QStringLiteral("value"), outcome.value}};
    if (outcome.nextRequest) {
        object.insert(QStringLiteral("nextRequest"), *outcome.nextRequest);
    }
    if (outcome.request) {
        object.insert(QStringLiteral("request"), messageJson(*outcome.request));
    }
    return object;
}

ScriptOutcome scriptOutcomeFromJson(const QJsonObject &object)
{
    ScriptOutcome outcome;
    outcome.globals = valueMapFromJson(object.value(QStringLiteral("globals")));
    for (const QJsonValue &name : object.value(QStringLiteral("unset")).toArray()) {
        outcome.unset.append(name.toString());
    }
    outcome.requestVariables = stringMapFromJson(object.value(QStringLiteral("requestVariables")));
    for (const QJsonValue &value : object.value(QStringLiteral("tests")).toArray()) {
        const QJsonObject test = value.toObject();
        AssertionResult result;
        result.assertion = test.value(QStringLiteral("name")).toString();
        result.outcome = test.value(QStringLiteral("passed")).toBool() ? AssertionResult::Outcome::Passed
                                                                       : AssertionResult::Outcome::Failed;
        result.message = test.value(QStringLiteral("message")).toString();
        outcome.tests.append(result);
    }
    for (const QJsonValue &line : object.value(QStringLiteral("log")).toArray()) {
        outcome.log.append(line.toString());
    }
    outcome.error = object.value(QStringLiteral("error")).toString();
    outcome.value = object.value(QStringLiteral("value"));
    if (object.contains(QStringLiteral("nextRequest"))) {
        outcome.nextRequest = object.value(QStringLiteral("nextRequest")).toString();
    }
    if (object.contains(QStringLiteral("request"))) {
        outcome.request = messageFromJson(object.value(QStringLiteral("request")).toObject());
    }
    return outcome;
}

} // namespace ApiLens::Core
