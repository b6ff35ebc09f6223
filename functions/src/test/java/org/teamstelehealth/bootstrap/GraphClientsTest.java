package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A token is only good for the cloud it was issued for: the scope follows GRAPH_BASE_URL. */
class GraphClientsTest {

    @Test
    void theScopeIsTheCloudOfTheBaseUrl() {
        assertEquals("https://graph.microsoft.com/.default", GraphClients.scope(URI.create("https://graph.microsoft.com/v1.0")));
        assertEquals("https://graph.microsoft.us/.default", GraphClients.scope(URI.create("https://graph.microsoft.us/v1.0")));
        assertEquals("https://dod-graph.microsoft.us/.default",
                GraphClients.scope(URI.create("https://dod-graph.microsoft.us/v1.0/")));
        assertEquals("https://microsoftgraph.chinacloudapi.cn/.default",
                GraphClients.scope(URI.create("https://microsoftgraph.chinacloudapi.cn/v1.0")));
    }

    @Test
    void aLoopbackStandInTakesTheDefaultScope() {
        assertEquals(GraphClients.SCOPE, GraphClients.scope(URI.create("http://127.0.0.1:8123/v1.0")));
    }
}
