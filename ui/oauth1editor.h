#pragma once

#include "http/requestspec.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace ApiLens::Ui {

// The OAuth 1.0a settings of a request (the Auth tab's "OAuth 1.0" page): keys and secrets,
// the signature method, where the signature goes, and the optional parameters.
class OAuth1Editor : public QWidget
{
    Q_OBJECT
public:
    explicit OAuth1Editor(QWidget *parent = nullptr);

    Core::OAuth1Settings settings() const;
    void setSettings(const Core::OAuth1Settings &settings);

Q_SIGNALS:
    void changed();

private:
    QHash<QString, QLineEdit *> m_fields; // by oauth1Fields() key
    QComboBox *m_method = nullptr;
    QComboBox *m_placement = nullptr;
    QCheckBox *m_bodyHash = nullptr;
    QCheckBox *m_signEmpty = nullptr;
};

} // namespace ApiLens::Ui
