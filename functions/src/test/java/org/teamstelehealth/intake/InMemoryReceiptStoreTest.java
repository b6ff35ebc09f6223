package org.teamstelehealth.intake;

class InMemoryReceiptStoreTest extends ReceiptStoreContract {
    @Override
    protected ReceiptStore newStore() {
        return new InMemoryReceiptStore();
    }
}
