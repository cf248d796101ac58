package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.asfcast.netsink.AddressAccessList.EntryType;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;
import org.junit.jupiter.api.Test;

class AddressAccessListTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void rangesParseInEveryWrittenForm() throws Exception {
        assertThat(AddressRange.parse("10.0.0.0/8").contains(ip("10.200.3.4"))).isTrue();
        assertThat(AddressRange.parse("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("192.168.1.0 255.255.255.0")).isEqualTo(AddressRange.parse("192.168.1.0/24"));
        assertThat(AddressRange.parse("192.168.1.7").prefixLength()).isEqualTo(32);
        assertThat(AddressRange.parse("fe80::/10").contains(ip("fe80::1"))).isTrue();
        assertThat(AddressRange.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(ip("172.31.255.255"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(ip("172.32.0.0"))).isFalse();
        // IPv4 and IPv6 never match each other.
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
    }

    @Test
    void badRangesAreRefusedWithTheSdkCode() {
        AddressAccessList list = new AddressAccessList();
        for (String bad : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0 255.0.255.0", "::/129", "1.2.3/8", ""}) {
            assertThatThrownBy(() -> list.add(EntryType.EXCLUDE, bad)).as(bad).isInstanceOf(SdkException.class)
                    .extracting(e -> ((SdkException) e).error()).isEqualTo(SdkError.E_INVALIDARG);
        }
        assertThatThrownBy(() -> list.remove(EntryType.INCLUDE, 0)).isInstanceOf(SdkException.class)
                .extracting(e -> ((SdkException) e).error()).isEqualTo(SdkError.NS_E_INVALID_INDEX);
    }

    @Test
    void replaceSwapsBothListsAtOnce() throws Exception {
        AddressAccessList list = new AddressAccessList();
        list.add(AddressAccessList.EntryType.EXCLUDE, "10.0.0.0/8");
        list.add(AddressAccessList.EntryType.INCLUDE, "10.1.2.3");
        list.replace(List.of(AddressRange.parse("192.168.0.0/16")), List.of(AddressRange.parse("192.168.9.0/24")));
        assertThat(list.entries(AddressAccessList.EntryType.INCLUDE)).containsExactly(AddressRange.parse("192.168.0.0/16"));
        assertThat(list.entries(AddressAccessList.EntryType.EXCLUDE)).containsExactly(AddressRange.parse("192.168.9.0/24"));
        assertThat(list.isAllowed(ip("10.1.2.3"))).isFalse(); // the old include is gone with the old exclude
        assertThat(list.isAllowed(ip("192.168.1.1"))).isTrue();
        assertThat(list.isAllowed(ip("192.168.9.1"))).isFalse();
        list.remove(AddressAccessList.EntryType.EXCLUDE, 0);
        assertThat(list.isAllowed(ip("192.168.9.1"))).isTrue();
    }

    @Test
    void precedenceIsTheMoreSpecificEntry() throws Exception {
        AddressAccessList list = new AddressAccessList();
        assertThat(list.isAllowed(ip("203.0.113.9"))).isTrue(); // no entries: everyone

        list.add(EntryType.EXCLUDE, "10.0.0.0/8");
        assertThat(list.isAllowed(ip("10.1.2.3"))).isFalse();
        assertThat(list.isAllowed(ip("192.0.2.1"))).isTrue();

        list.add(EntryType.INCLUDE, "10.1.2.3");
        assertThat(list.isAllowed(ip("10.1.2.3"))).isTrue(); // more specific include wins
        assertThat(list.isAllowed(ip("10.1.2.4"))).isFalse();
        // With an include entry, only included addresses are allowed.
        assertThat(list.isAllowed(ip("192.0.2.1"))).isFalse();

        list.add(EntryType.EXCLUDE, "10.1.2.3/32"); // equally specific: exclude wins
        assertThat(list.isAllowed(ip("10.1.2.3"))).isFalse();

        list.remove(EntryType.EXCLUDE, 1);
        list.remove(EntryType.EXCLUDE, 0);
        assertThat(list.entries(EntryType.EXCLUDE)).isEmpty();
        assertThat(list.entries(EntryType.INCLUDE)).containsExactly(AddressRange.parse("10.1.2.3/32"));
        assertThat(list.isAllowed(ip("10.1.2.3"))).isTrue();

        AddressAccessList v6 = new AddressAccessList();
        v6.add(EntryType.INCLUDE, "2001:db8::/32");
        assertThat(v6.isAllowed(ip("2001:db8::42"))).isTrue();
        assertThat(v6.isAllowed(ip("127.0.0.1"))).isFalse();
    }
}
