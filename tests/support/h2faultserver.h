#pragma once

#include <QObject>
#include <QUrl>

class QTcpServer;

namespace ApiLens::Test {

// A local HTTP/2 server (cleartext, prior knowledge) on 127.0.0.1 that breaks off a response
// mid-body, on libnghttp2's server session:
//   /ok          a whole 200
//   /rst-stream  headers and 1,000 body bytes, then RST_STREAM (INTERNAL_ERROR)
//   /goaway      headers and 1,000 body bytes, then GOAWAY (INTERNAL_ERROR) and a close
class H2FaultServer : public QObject
{
    Q_OBJECT
public:
    explicit H2FaultServer(QObject *parent = nullptr);
    ~H2FaultServer() override;

    bool listen();
    QUrl url(const QString &path) const;

private:
    void onNewConnection();

    QTcpServer *m_server = nullptr;
};

} // namespace ApiLens::Test
