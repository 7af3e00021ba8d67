package app.duizhao.reader.ui;

import com.vaadin.flow.component.ComponentEvent;

/** The study tools started an explanation: the host shows the explanation panel, in view. */
final class ExplanationShown extends ComponentEvent<ReaderStudy> {

    ExplanationShown(ReaderStudy source) {
        super(source, false);
    }
}
