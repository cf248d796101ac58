package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Folder pages: escaped, encoded, nothing fetched but the page. */
class FolderPageTest {

    @Test
    void listsFoldersAndFilesWithTheirLinks() {
        String html = FolderPage.html("/archive/sub/", true, List.of(
                new FolderPage.SubFolder("concerts"),
                new FolderPage.MediaFile("a.wmv", Optional.of("Evening news"), OptionalLong.of(61_500)),
                new FolderPage.MediaFile("broken.asf", Optional.empty(), OptionalLong.empty())));
        assertThat(html).contains("<a href=\"../\">../</a>")
                .contains("<a href=\"concerts/\">concerts/</a>")
                .contains("<a href=\"a.wmv\">a.wmv</a></td><td>Evening news</td><td>1:01</td><td><a href=\"a.wmv.asx\">.asx</a>")
                .contains("<a href=\"broken.asf\">broken.asf</a></td><td>-</td><td>-</td>")
                .contains("<meta charset=\"utf-8\">");
    }

    @Test
    void namesAndTitlesCannotInjectMarkup() {
        String html = FolderPage.html("/a<b>/", false, List.of(
                new FolderPage.MediaFile("\"><script>x</script>.wmv", Optional.of("<img src=x onerror=y>&'"),
                        OptionalLong.of(0)),
                new FolderPage.SubFolder("sp ace#?&")));
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>")
                .contains("href=\"%22%3E%3Cscript%3Ex%3C%2Fscript%3E.wmv\"")
                .contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;.wmv")
                .contains("&lt;img src=x onerror=y&gt;&amp;&#39;")
                .contains("href=\"sp%20ace%23%3F%26/\"")
                .doesNotContain("../");
        assertThat(html.toLowerCase()).doesNotContain("src=\"").doesNotContain("<link").doesNotContain("http");
    }

    @Test
    void anEmptyFolderSaysSo() {
        assertThat(FolderPage.html("/archive/", false, List.of())).contains("holds no media files");
    }

    @Test
    void durationsReadAsClockTime() {
        assertThat(FolderPage.duration(OptionalLong.of(59_999))).isEqualTo("0:59");
        assertThat(FolderPage.duration(OptionalLong.of(3_600_000 + 62_000))).isEqualTo("1:01:02");
        assertThat(FolderPage.duration(OptionalLong.empty())).isEqualTo("-");
    }

    @Test
    void controlCharactersNeverReachThePage() {
        assertThat(FolderPage.escape("a\u0000b\u001bc\u007f")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
    }

    @Test
    void urlPathsEncodeEverythingButUnreservedCharacters() {
        assertThat(UrlPath.path("/archive/sub dir/é #1.wmv")).isEqualTo("/archive/sub%20dir/%C3%A9%20%231.wmv");
        assertThat(UrlPath.segment("a/b")).isEqualTo("a%2Fb");
        assertThat(UrlPath.path("/A-z_0.9~")).isEqualTo("/A-z_0.9~");
    }
}
