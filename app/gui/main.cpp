#include "mainwindow.h"

#include "http/httpclient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QSettings>

using namespace ApiLens;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ApiLens"));
    QApplication::setOrganizationName(QStringLiteral("ApiLens"));
    QApplication::setApplicationVersion(QStringLiteral(APILENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("apilens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ApiLens, a native desktop API explorer."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Open a request to this URL."),
                                 QStringLiteral("[URL]"));
    parser.process(app);

    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QNetworkAccessManager manager;
    Core::HttpClient client(&manager);
    QSettings settings;

    Ui::MainWindow window(&client, &settings);
    Core::RequestSpec spec;
    spec.url =
        parser.positionalArguments().value(0, QStringLiteral("https://httpbin.org/anything?hello=world"));
    window.newTab(spec);
    window.show();
    return app.exec();
}
