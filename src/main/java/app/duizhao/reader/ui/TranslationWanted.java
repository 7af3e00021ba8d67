package app.duizhao.reader.ui;

import com.vaadin.flow.component.ComponentEvent;

/** The study tools want the article translated (a block was asked for its English and has none). */
final class TranslationWanted extends ComponentEvent<ReaderStudy> {

    TranslationWanted(ReaderStudy source) {
        super(source, false);
    }
}
