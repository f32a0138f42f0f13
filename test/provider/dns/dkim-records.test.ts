import { strict as assert } from "node:assert";
import { DkimRecordCountError, pickDkimRecord } from "../../../provider/dns/dkim-records";

const record = (t: string) => ({ type: "CNAME", name: `${t}._domainkey.acme.com`, value: `${t}.dkim.amazonses.com` });

describe("pickDkimRecord", () => {
  it("picks by name order whatever the API's order", () => {
    const a = [record("b"), record("c"), record("a")];
    const b = [record("c"), record("a"), record("b")];
    for (let i = 0; i < 3; i++) assert.deepEqual(pickDkimRecord("acme.com", a, i), pickDkimRecord("acme.com", b, i));
    assert.equal(pickDkimRecord("acme.com", a, 0).name, "a._domainkey.acme.com");
  });

  for (const count of [0, 2, 4]) {
    it(`fails clearly when SendMailOS returns ${count} records`, () => {
      const records = Array.from({ length: count }, (_, i) => record(`t${i}`));
      assert.throws(
        () => pickDkimRecord("acme.com", records, 0),
        (error: unknown) => {
          assert.ok(error instanceof DkimRecordCountError);
          assert.match(error.message, new RegExp(`returned ${count} DKIM records for acme\\.com, but Easy DKIM always has 3`));
          return true;
        },
      );
    });
  }
});
