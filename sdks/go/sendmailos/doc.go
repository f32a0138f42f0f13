// SendMailOS sending domains: register, publish the DKIM records in DNS, and wait until verified.
package sendmailos
