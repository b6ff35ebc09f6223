package org.teamstelehealth.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.teamstelehealth.replies.ReplyWords.Meaning;

class ReplyWordsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Y|CONFIRM", "y|CONFIRM", "  Yes  |CONFIRM", "YES!|CONFIRM", "yep.|CONFIRM", "Yes please|CONFIRM",
            "ok|CONFIRM", "Confirmed|CONFIRM",
            "N|CANNOT_ATTEND", "no|CANNOT_ATTEND", "No.|CANNOT_ATTEND", "nope|CANNOT_ATTEND", "No thanks|CANNOT_ATTEND",
            "no  thank you!|CANNOT_ATTEND", "Can't make it|CANNOT_ATTEND", "can\u2019t make it.|CANNOT_ATTEND",
            "STOP|OPT_OUT", "stop|OPT_OUT", "Stop all|OPT_OUT", "STOPALL|OPT_OUT", "unsubscribe|OPT_OUT", "Cancel|OPT_OUT",
            "quit|OPT_OUT", "end|OPT_OUT",
            "START|OPT_IN", "unstop|OPT_IN",
            "yes but can we make it later|OTHER", "maybe|OTHER", "what time is it?|OTHER", "Y N|OTHER", "''|OTHER",
            "stop it please|OTHER", "noo|OTHER"})
    void readsOnlyWholeMessagesOfAFewWords(String message, Meaning expected) {
        assertEquals(expected, ReplyWords.of(message), message);
    }
}
