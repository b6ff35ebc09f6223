package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void parametersAreDecodedAndLiteralsMatchWhateverTheCase() {
        RouteTemplate route = RouteTemplate.parse("manage/appointments/{id}");

        assertEquals(Optional.of(Map.of("id", "a b+c")), route.match("Manage/Appointments/a%20b+c"));
        assertEquals(Optional.empty(), route.match("manage/appointments"));
        assertEquals(Optional.empty(), route.match("manage/appointments/1/2"));
    }

    @Test
    void constraintsRejectValuesThatDoNotFit() {
        RouteTemplate route = RouteTemplate.parse("items/{id:int}/{key:guid}");

        assertTrue(route.match("items/12/0f8fad5b-d9cb-469f-a165-70867728950e").isPresent());
        assertEquals(Optional.empty(), route.match("items/x/0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertEquals(Optional.empty(), route.match("items/99999999999/0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertEquals(Optional.empty(), route.match("items/12/not-a-guid"));
        assertTrue(RouteTemplate.parse("c/{code:regex(^[A-Z]+$)}").match("c/ABC").isPresent());
        assertEquals(Optional.empty(), RouteTemplate.parse("c/{code:regex(^[A-Z]+$)}").match("c/AB1"));
    }

    @Test
    void optionalAndCatchAllParameters() {
        assertEquals(Optional.of(Map.of()), RouteTemplate.parse("feed/{token?}").match("feed"));
        assertEquals(Optional.of(Map.of("token", "t1")), RouteTemplate.parse("feed/{token?}").match("feed/t1"));
        assertEquals(Optional.of(Map.of("rest", "a/b/c")), RouteTemplate.parse("static/{*rest}").match("static/a/b/c"));
        assertEquals(Optional.of(Map.of()), RouteTemplate.parse("static/{*rest}").match("static"));
    }

    @Test
    void aParameterCanShareASegmentWithLiterals() {
        assertEquals(Optional.of(Map.of("token", "abc.def")), RouteTemplate.parse("feeds/{token}.ics").match("feeds/abc.def.ics"));
        assertEquals(Optional.empty(), RouteTemplate.parse("feeds/{token}.ics").match("feeds/abc.txt"));
    }

    @Test
    void moreSpecificRoutesSortFirst() {
        List<RouteTemplate> routes = new ArrayList<>(List.of(
                RouteTemplate.parse("items/{*rest}"),
                RouteTemplate.parse("items/{slug}"),
                RouteTemplate.parse("items/{id:int}"),
                RouteTemplate.parse("items/new")));
        routes.sort(null);

        assertEquals(List.of("items/new", "items/{id:int}", "items/{slug}", "items/{*rest}"),
                routes.stream().map(RouteTemplate::template).toList());
    }

    @Test
    void routesDifferingOnlyInParameterNamesOrCaseHaveOneShape() {
        assertEquals(RouteTemplate.parse("a/{x}/B").shape(), RouteTemplate.parse("A/{y}/b").shape());
        assertNotEquals(RouteTemplate.parse("a/{x:int}").shape(), RouteTemplate.parse("a/{x}").shape());
    }

    @Test
    void malformedTemplatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.parse("a/{*rest}/b"));
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.parse("a/{id:nonsense}"));
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.parse("a/{id"));
    }
}
