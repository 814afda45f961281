#include "jsonfilterbar.h"

#include "statusstyle.h"

#include "http/jsonpath.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace ApiLens::Ui {

JsonFilterBar::JsonFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    m_edit->setPlaceholderText(tr("Filter with JSONPath, e.g. $.items[*].id or $..[?@.price > 10] (Enter)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("JSONPath filter"));
    m_edit->setToolTip(tr("A JSONPath query (RFC 9535) over the body; Enter applies it, an empty one "
                          "shows the whole body again"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { Q_EMIT applied(expression()); });
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
        // Checked as typed (parsing the expression is instant); the body is read on Enter.
        const QString problem = text.trimmed().isEmpty() ? QString() : Core::checkJsonPath(text.trimmed());
        setStatus(problem, !problem.isEmpty());
        if (text.isEmpty()) {
            Q_EMIT applied(QString()); // the clear button, or everything deleted
        }
    });
}

QString JsonFilterBar::expression() const
{
    return m_edit->text().trimmed();
}

void JsonFilterBar::setExpression(const QString &expression)
{
    m_edit->setText(expression);
    setStatus(QString());
}

void JsonFilterBar::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     problem ? StatusStyle::forClass(Core::StatusClass::ServerError, this->palette()).fill
                             : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

} // namespace ApiLens::Ui
