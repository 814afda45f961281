#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace ApiLens::Ui {

// A JSONPath expression over the Pretty view of a JSON body: checked as it is typed, applied
// with Enter (and when cleared), with what it selected or why it could not.
class JsonFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit JsonFilterBar(QWidget *parent = nullptr);

    QString expression() const;
    void setExpression(const QString &expression); // shown; applied by whoever set it
    void setStatus(const QString &text, bool problem = false);
    QLineEdit *edit() const { return m_edit; }
    QLabel *status() const { return m_status; }

Q_SIGNALS:
    void applied(const QString &expression); // empty: the whole body again

private:
    QLineEdit *m_edit;
    QLabel *m_status;
};

} // namespace ApiLens::Ui
