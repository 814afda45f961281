#pragma once

#include "http/textfind.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace ApiLens::Ui {

// Find in a body: the text, match case, whole word, regular expression, how many matches
// and which one is shown; Enter / Shift+Enter (and F3 / Shift+F3 in the window) move.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    Core::FindQuery query() const;
    void open(); // shown, the text selected for typing over
    void setStatus(const QString &text, bool problem = false);
    QLineEdit *edit() const { return m_edit; }

Q_SIGNALS:
    void queryChanged();
    void next();
    void previous();
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLineEdit *m_edit;
    QToolButton *m_case;
    QToolButton *m_word;
    QToolButton *m_regex;
    QLabel *m_status;
};

} // namespace ApiLens::Ui
