package dev.vellum.client.workspace;

/** The server served an older contact book (or none) than this browser already opened or saved. */
final class ContactBookRollbackException extends Exception {
    ContactBookRollbackException() {
        super("the contact book is older than one this browser saw");
    }
}
