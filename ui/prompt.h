#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace ApiLens::Ui {

// Small modal questions go through here so GUI tests can answer them without a dialog
// (KeePassXC's MessageBox::setNextAnswer idea). Answers queue up in order.
class Prompt
{
public:
    // A line of text; empty when cancelled.
    static QString text(QWidget *parent, const QString &title, const QString &label, const QString &initial);
    // One of `choices` (button texts, the first is the default); -1 when cancelled.
    static int choose(QWidget *parent, const QString &title, const QString &text, const QStringList &choices);

    // Tests: the next text() returns this / the next choose() returns this index.
    static void queueText(const QString &answer);
    static void queueChoice(int index);
    static int pendingAnswers();

private:
    static QStringList &texts();
    static QList<int> &choices();
};

} // namespace ApiLens::Ui
