"""Portal pages: the case worker's invite page, the client portal and the employer portal."""
