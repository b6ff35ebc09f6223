package org.teamstelehealth.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Test
    void aStatusLabelIsItsWireNameInWords() {
        assertEquals("Booked", Snapshot.Status.BOOKED.label());
        assertEquals("Did not attend", Snapshot.Status.DID_NOT_ATTEND.label());
    }

    @Test
    void aPatientIsShownByTheDisplayNameThePmsGave() {
        assertEquals("Clintel Test", patient("Ms", "Clintel", "Test", "Clintel Test").displayNameOrFullName());
        assertEquals("CT", patient("Ms", "Clintel", "Test", "CT").displayNameOrFullName());
    }

    @Test
    void withoutADisplayNameAPatientIsShownByGivenAndFamilyNameWithoutTheTitle() {
        assertEquals("Clintel Test", patient("Ms", "Clintel", "Test", null).displayNameOrFullName());
        assertEquals("Clintel Test", patient("Ms", "Clintel", "Test", "  ").displayNameOrFullName());
        assertEquals("Test", patient(null, null, "Test", null).displayNameOrFullName());
        assertEquals("", patient(null, null, null, null).displayNameOrFullName());
    }

    @Test
    void aClinicIsNamedByItsDisplayNameElseItsDescription() {
        assertEquals("Clintel Clinic", location("Clintel", "Clintel Clinic", "1 Main St", null).displayNameOrDescription());
        assertEquals("Clintel", location("Clintel", null, "1 Main St", null).displayNameOrDescription());
    }

    @Test
    void theAddressIsOneLineOfThePartsThereAre() {
        assertEquals("123 Example Street CANBERRA ACT 2600",
                location("Clintel", "Clintel Clinic", "123 Example Street", null).addressLine());
        assertEquals("Level 2 CANBERRA ACT 2600", location("Clintel", "Clintel Clinic", "Level 2", " ").addressLine());
    }

    @Test
    void lineBreaksInAnAddressPartBecomeCommas() {
        assertEquals("Level 2, 10 King William St, Adelaide Suite 4 CANBERRA ACT 2600",
                location("Clintel", null, " Level 2, 10 King William St \r\n Adelaide", "Suite 4").addressLine());
    }

    @Test
    void noAddressPartsMakeAnEmptyLine() {
        assertEquals("", new Snapshot.Location("3", "Clintel", null, null, "", null, " ", null, null).addressLine());
    }

    private static Snapshot.Patient patient(String title, String given, String family, String displayName) {
        return new Snapshot.Patient("12", "000012", title, given, family, displayName, null, null, null);
    }

    private static Snapshot.Location location(String description, String displayName, String address1, String address2) {
        return new Snapshot.Location("3", description, displayName, address1, address2, "CANBERRA", "ACT", "2600", null);
    }
}
