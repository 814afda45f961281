#include "findbar.h"
#include "statusstyle.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

namespace ApiLens::Ui {

namespace {

QToolButton *toggle(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}

} // namespace

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_case(toggle(QStringLiteral("Aa"), tr("Match case"), this))
    , m_word(toggle(QStringLiteral("W"), tr("Whole words"), this))
    , m_regex(toggle(QStringLiteral(".*"), tr("Regular expression"), this))
    , m_status(new QLabel(this))
{
    m_edit->setPlaceholderText(tr("Find in the body"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("Find"));
    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"));
    previous->setAutoRaise(true);
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter, F3)"));
    next->setAutoRaise(true);
    auto *close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_edit, 1);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_case), static_cast<QWidget *>(m_word), static_cast<QWidget *>(m_regex),
          static_cast<QWidget *>(m_status), static_cast<QWidget *>(previous), static_cast<QWidget *>(next),
          static_cast<QWidget *>(close)}) {
        layout->addWidget(widget);
    }
    connect(m_edit, &QLineEdit::textChanged, this, &FindBar::queryChanged);
    for (QToolButton *button : {m_case, m_word, m_regex}) {
        connect(button, &QToolButton::toggled, this, &FindBar::queryChanged);
    }
    m_edit->installEventFilter(this); // Enter and Shift+Enter move through the matches
    connect(next, &QToolButton::clicked, this, &FindBar::next);
    connect(previous, &QToolButton::clicked, this, &FindBar::previous);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
}

Core::FindQuery FindBar::query() const
{
    return {m_edit->text(), m_case->isChecked(), m_word->isChecked(), m_regex->isChecked()};
}

void FindBar::open()
{
    show();
    m_edit->setFocus();
    m_edit->selectAll();
}

void FindBar::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, problem ? tint(Tint::VariableMissing, this->palette())
                                                   : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier) {
                Q_EMIT previous();
            } else {
                Q_EMIT next();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        Q_EMIT closed();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace ApiLens::Ui
