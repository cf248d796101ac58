package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Safe resolution and listing over a real folder with real symbolic links. */
class ArchiveFolderTest {

    @TempDir
    Path dir;
    Path root;
    Path outside;
    ArchiveFolder folder;

    @BeforeEach
    void layOut() throws Exception {
        root = Files.createDirectories(dir.resolve("media"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.wmv"), "secret");
        Files.writeString(root.resolve("a.wmv"), "a");
        Files.writeString(root.resolve("B.WMA"), "b");
        Files.writeString(root.resolve("notes.txt"), "n");
        Files.writeString(root.resolve("list.asx"), "<asx/>");
        Files.writeString(root.resolve(".hidden.wmv"), "h");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/x.wmv"), "x");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/c.asf"), "c");
        Files.createSymbolicLink(root.resolve("link-in.wmv"), root.resolve("sub/c.asf"));
        Files.createSymbolicLink(root.resolve("link-out.wmv"), outside.resolve("secret.wmv"));
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("dangling.wmv"), root.resolve("gone.wmv"));
        Files.createSymbolicLink(root.resolve("to-hidden.wmv"), root.resolve(".hidden.wmv"));
        Files.createSymbolicLink(root.resolve("to-text.wmv"), root.resolve("notes.txt"));
        Files.createSymbolicLink(root.resolve("sub-link"), root.resolve("sub"));
        folder = new ArchiveFolder(root);
    }

    @Test
    void aFileInsideIsItsRealPath() throws Exception {
        assertThat(folder.resolve("a.wmv")).isEqualTo(new ArchiveFolder.Resolved.File(root.resolve("a.wmv").toRealPath()));
        assertThat(folder.resolve("sub/c.asf")).isEqualTo(new ArchiveFolder.Resolved.File(root.resolve("sub/c.asf").toRealPath()));
        assertThat(folder.resolve("B.WMA")).isInstanceOf(ArchiveFolder.Resolved.File.class);
    }

    @Test
    void aLinkStayingInsideIsServedAsItsTarget() throws Exception {
        assertThat(folder.resolve("link-in.wmv"))
                .isEqualTo(new ArchiveFolder.Resolved.File(root.resolve("sub/c.asf").toRealPath()));
        assertThat(folder.resolve("sub-link/c.asf")).isInstanceOf(ArchiveFolder.Resolved.File.class);
    }

    @Test
    void foldersSayWhetherTheyWereAskedForWithTheirSlash() throws Exception {
        assertThat(folder.resolve("")).isEqualTo(new ArchiveFolder.Resolved.Folder(root.toRealPath(), true));
        assertThat(folder.resolve("sub/")).isEqualTo(new ArchiveFolder.Resolved.Folder(root.resolve("sub").toRealPath(), true));
        assertThat(folder.resolve("sub")).isEqualTo(new ArchiveFolder.Resolved.Folder(root.resolve("sub").toRealPath(), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/secret.wmv", "..", "../", "sub/../a.wmv", "./a.wmv", "sub/./c.asf",
            "link-out.wmv", "link-out/secret.wmv", "link-out", "link-out/", "dangling.wmv", "to-hidden.wmv",
            ".hidden.wmv", ".git/x.wmv", ".git/", "notes.txt", "to-text.wmv", "list.asx", "missing.wmv",
            "a.wmv/", "sub//c.asf", "/etc/passwd", "//etc/passwd", "sub\\c.asf", "..\\outside\\secret.wmv",
            "a.wmv\u0000.txt", "a\u0001.wmv", "a\u007f.wmv", "a\u0085.wmv", "sub/c.asf/.."})
    void everythingElseIsNotFound(String relative) throws Exception {
        assertThat(folder.resolve(relative)).isEqualTo(new ArchiveFolder.Resolved.NotFound());
    }

    @Test
    void anAbsolutePathToAFileInsideIsNotFoundEither() throws Exception {
        assertThat(folder.resolve(root.resolve("a.wmv").toString())).isEqualTo(new ArchiveFolder.Resolved.NotFound());
    }

    @Test
    void aRootThatIsALinkWorksThroughItsRealPath() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("media-link"), root);
        ArchiveFolder viaLink = new ArchiveFolder(link);
        assertThat(viaLink.resolve("a.wmv")).isInstanceOf(ArchiveFolder.Resolved.File.class);
        assertThat(viaLink.resolve("link-out.wmv")).isEqualTo(new ArchiveFolder.Resolved.NotFound());
    }

    @Test
    void aMissingRootListsNothing() throws Exception {
        ArchiveFolder missing = new ArchiveFolder(dir.resolve("not-yet"));
        assertThat(missing.resolve("")).isEqualTo(new ArchiveFolder.Resolved.Folder(dir.resolve("not-yet"), true));
        assertThat(missing.resolve("a.wmv")).isEqualTo(new ArchiveFolder.Resolved.NotFound());
        assertThat(missing.list(dir.resolve("not-yet"))).isEmpty();
    }

    @Test
    void listsFoldersThenMediaFilesByNameWithoutHiddenOrEscapingOnes() throws Exception {
        Files.setLastModifiedTime(root.resolve("a.wmv"), FileTime.fromMillis(1_000_000_000_000L));
        List<ArchiveFolder.Entry> entries = folder.list(root.toRealPath());
        assertThat(entries).extracting(ArchiveFolder.Entry::name)
                .containsExactly("sub", "sub-link", "a.wmv", "B.WMA", "link-in.wmv");
        ArchiveFolder.Entry a = entries.get(2);
        assertThat(a.folder()).isFalse();
        assertThat(a.size()).isEqualTo(1);
        assertThat(a.modified()).isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
        assertThat(a.path()).isEqualTo(root.resolve("a.wmv").toRealPath());
    }

    @Test
    void aListingIsBounded() throws Exception {
        Path big = Files.createDirectories(root.resolve("big"));
        for (int i = ArchiveFolder.MAX_LISTED + 10; i > 0; i--) {
            Files.writeString(big.resolve(String.format("f%05d.wmv", i)), "");
        }
        List<ArchiveFolder.Entry> entries = folder.list(big.toRealPath());
        assertThat(entries).hasSize(ArchiveFolder.MAX_LISTED);
        assertThat(entries.get(0).name()).isEqualTo("f00001.wmv");
        assertThat(entries.get(entries.size() - 1).name()).isEqualTo(String.format("f%05d.wmv", ArchiveFolder.MAX_LISTED));
    }
}
