package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void aLineClearsTheStatusAndTheStatusComesBack() {
        StringWriter text = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(text), true);
        t.status("2 clients | out 900 kbit/s");
        t.println("+ a client");
        t.status("3 clients");
        assertThat(text.toString()).isEqualTo("\r2 clients | out 900 kbit/s"
                + "\r" + " ".repeat(26) + "\r+ a client" + System.lineSeparator() + "2 clients | out 900 kbit/s"
                + "\r3 clients                 ");
    }

    @Test
    void withoutATerminalThereIsNoStatusLine() {
        StringWriter text = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(text), false);
        t.status("2 clients");
        t.println("+ a client");
        t.clearStatus();
        assertThat(text.toString()).isEqualTo("+ a client" + System.lineSeparator());
    }
}
