#pragma once

#include "http/requestspec.h"

#include <QWidget>

class QLabel;
class QToolButton;
class QTreeWidget;

namespace ApiLens::Ui {

// The headers ApiLens sends unless told otherwise (Core::defaultHeaders()), under the
// request's own headers: a one-line summary that opens into the list, each with a box to
// switch it off and marked "replaced" when the request writes that header itself. What HTTP
// needs (Host, Content-Length, Content-Type for a body) and the cookie jar's Cookie are
// named too; the Sent tab shows them all as they went out.
class DefaultHeadersView : public QWidget
{
    Q_OBJECT
public:
    explicit DefaultHeadersView(QWidget *parent = nullptr);

    // The request's own headers (to mark the replaced defaults) and the switched-off names.
    void setState(const QList<Core::KeyValue> &written, const QStringList &omitted);
    QStringList omitted() const;
    QTreeWidget *tree() const { return m_tree; }
    QToolButton *toggle() const { return m_toggle; }
    void setExpanded(bool expanded);

Q_SIGNALS:
    void changed(); // the user switched one on or off

private:
    void updateSummary();

    QToolButton *m_toggle;
    QTreeWidget *m_tree;
    QLabel *m_note;
    bool m_updating = false;
};

} // namespace ApiLens::Ui
