#pragma once

#include "http/requestspec.h"

#include <QAbstractHttpServer>
#include <QUrl>

namespace ApiLens::Demo {

// A local API that answers like the vendors and error formats ApiLens reads (Netilion,
// Extole, numeric codes, RFC 9457, Google, Stripe, GitHub, AWS, Slack, GraphQL, proxy
// pages…), successes included, so every capability can be tried with no network.
class DemoServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit DemoServer(QObject *parent = nullptr);

    // Listens on 127.0.0.1 only; 0 picks a free port. Returns the port, 0 on failure.
    // The port the demo listens on unless told otherwise, so that a collection written by one
    // run (its environment names the port) works with the next.
    static constexpr quint16 defaultPort() { return 8765; }
    quint16 start(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;

    struct Request
    {
        QString group; // "Netilion", "Extole", "Formats"…
        QString name;
        QString summary;        // what it shows
        Core::RequestSpec spec; // URL relative to the server: "/netilion/assets/17"
    };
    // The demo collection: requests that show each capability against this server.
    static QList<Request> requests();
    // The same with absolute URLs for a running server.
    QList<Request> requestsFor() const;

    // The demo collection ships as .http files (resources/demo): written into `folder` with an
    // environment "demo" pointing at this server and the demo token as a secret. Files the
    // user already has are kept; the environment files are rewritten for the current port.
    bool writeCollection(const QString &folder, QString *error) const;
    static QStringList collectionFiles(); // resource paths, in menu order
    static QString demoToken() { return QStringLiteral("demo-token"); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    quint16 m_port = 0;
};

} // namespace ApiLens::Demo
