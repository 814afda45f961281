#pragma once

// Every error reader, one per family of error body (formats.md §3), each defined in its own
// file here. errorreaders.cpp puts them in the order they are tried.

#include "errors/errorreader.h"

namespace ApiLens::Core::Errors::Readers {

// JSON objects
extern const ErrorReader springBoot;     // springboot.cpp
extern const ErrorReader aspnetProblem;  // problemdetails.cpp
extern const ErrorReader problemDetails; // problemdetails.cpp
extern const ErrorReader jsonApi;        // jsonapi.cpp
extern const ErrorReader netilion;       // netilion.cpp
extern const ErrorReader github;         // github.cpp
extern const ErrorReader graphql;        // graphql.cpp
extern const ErrorReader google;         // google.cpp
extern const ErrorReader stripe;         // stripe.cpp
extern const ErrorReader microsoft;      // microsoft.cpp
extern const ErrorReader slack;          // slack.cpp
extern const ErrorReader grpcGateway;    // grpcgateway.cpp
extern const ErrorReader oauthToken;     // oauth.cpp
extern const ErrorReader awsJson;        // aws.cpp
extern const ErrorReader awsRestJson;    // aws.cpp
extern const ErrorReader connect;        // connect.cpp
extern const ErrorReader extole;         // extole.cpp
extern const ErrorReader twilio;         // twilio.cpp
extern const ErrorReader laravel;        // laravel.cpp
extern const ErrorReader numericCode;    // numericcode.cpp
extern const ErrorReader drf;            // drf.cpp
// JSON arrays
extern const ErrorReader salesforce; // numericcode.cpp
// XML documents
extern const ErrorReader problemDetailsXml; // problemdetails.cpp
extern const ErrorReader azureStorageXml;   // microsoft.cpp
extern const ErrorReader awsS3Xml;          // aws.cpp
extern const ErrorReader awsQueryXml;       // aws.cpp
extern const ErrorReader twilioXml;         // twilio.cpp
// Server error pages (serverpages.cpp)
extern const ErrorReader cloudflarePage;
extern const ErrorReader pythonPage;
extern const ErrorReader tomcatPage;
extern const ErrorReader springWhitelabelPage;
extern const ErrorReader expressPage;
extern const ErrorReader iisPage;
extern const ErrorReader apachePage;
extern const ErrorReader albPage;
extern const ErrorReader nginxPage;

} // namespace ApiLens::Core::Errors::Readers
