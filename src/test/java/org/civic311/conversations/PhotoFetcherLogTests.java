package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log keeps of a resident's photo that could not be fetched: logs outlive a resident's erasure. */
class PhotoFetcherLogTests {

    @Test
    void aPhotosAddressIsLoggedByItsHostAloneNeverByThePathThatFetchesIt() {
        assertThat(PhotoFetcher.hostOf("https://api.twilio.com/2010-04-01/Accounts/AC00/Messages/MM12/Media/ME34"))
                .isEqualTo("api.twilio.com");
        assertThat(PhotoFetcher.hostOf("media/ME34.png")).isEqualTo("an address without a host");
        assertThat(PhotoFetcher.hostOf("http://[bad")).isEqualTo("an address that is not one");
    }
}
