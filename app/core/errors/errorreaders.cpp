// The order in which the error readers are tried, stated once. The first reader whose
// detect() takes a body reads it. A reader stands before the ones whose marks its bodies also
// carry:
//  - Spring Boot's attributes carry `status` and an `error` string, which the problem-details
//    and OAuth readers would take;
//  - ASP.NET's validation problems are problem details with an `errors` map and a traceId;
//  - problem details come before every vendor envelope (their own media type decides);
//  - JSON:API and Netilion before GitHub and GraphQL (all four use errors[]); GitHub's
//    validation errors are errors[] with a message too, so GitHub comes before GraphQL;
//  - in the `error` object family Google's marks are the most specific, then Stripe's types,
//    then Microsoft's plain code and message;
//  - Slack's ok:false and gRPC-gateway v1's numeric code before OAuth, which takes any
//    `error` string;
//  - the rest have marks of their own; DRF's field map, the loosest, last.
// Pages: Cloudflare's own first (a proxy in front of the others), then the pages known by
// what they say, then those known by the Server header only (nginx also fronts the others).

#include "errorreader.h"
#include "readers/readers.h"

namespace ApiLens::Core::Errors {

const QList<const ErrorReader *> &readers()
{
    using namespace Readers;
    static const QList<const ErrorReader *> table = {
        // JSON objects
        &springBoot, &aspnetProblem, &problemDetails, &jsonApi, &netilion, &github, &graphql, &google,
        &stripe, &microsoft, &slack, &grpcGateway, &oauthToken, &awsJson, &awsRestJson, &connect, &extole,
        &twilio, &laravel, &numericCode, &drf,
        // JSON arrays
        &salesforce,
        // XML
        &problemDetailsXml, &azureStorageXml, &awsS3Xml, &awsQueryXml, &twilioXml,
        // pages
        &cloudflarePage, &pythonPage, &tomcatPage, &springWhitelabelPage, &expressPage, &iisPage, &apachePage,
        &albPage, &nginxPage};
    return table;
}

} // namespace ApiLens::Core::Errors
