import { describe, expect, it } from "vitest";
import { formatMoney } from "@tabletap/core";
import {
  escapeHtml,
  orderCancelledSms,
  orderConfirmationEmail,
  orderReadySms,
  orderRejectedSms,
  otpEmail,
  otpSms,
  receiptEmail,
  receiptSms,
} from "./templates";
import { sampleOrder } from "./test/order";
import { sampleReceipt } from "./test/receipt";

describe("otpSms", () => {
  it("puts the code first and states expiry and the warning", () => {
    expect(otpSms("123456")).toBe("123456 is your Tabletap code. It expires in 5 minutes. Don't share it.");
    expect(otpSms("004271", "Spice Route")).toBe(
      "004271 is your Tabletap code for Spice Route. It expires in 5 minutes. Don't share it.",
    );
  });
});

describe("otpEmail", () => {
  it("leads with the code and says what it is for and when it expires", () => {
    const signIn = otpEmail("004271", "sign-in");
    expect(signIn.subject).toBe("004271 is your Tabletap sign-in code");
    expect(signIn.text).toContain("sign in to Tabletap");
    expect(signIn.text).toContain("It expires in 5 minutes.");
    expect(signIn.html).toContain(">004271</p>");
    const verify = otpEmail("123456", "verify-email");
    expect(verify.subject).toBe("123456 is your Tabletap code to confirm your email");
    expect(verify.text).toContain("confirm this is your email address");
  });
});

describe("order SMS", () => {
  it("ready: order number, restaurant and table", () => {
    expect(orderReadySms(sampleOrder({ status: "ready" }), "Spice Route")).toBe(
      "Your order #042 at Spice Route is ready. Staff are bringing it to table T12.",
    );
  });

  it("does not double the # when the number already has one", () => {
    expect(orderReadySms(sampleOrder({ number: "#007" }), "X")).toContain("order #007 ");
  });

  it("cancelled: gives the reason, and the refund in the order's own currency when paid", () => {
    expect(
      orderCancelledSms(sampleOrder({ status: "cancelled", rejectionReason: "We ran out of paneer" }), "Spice Route"),
    ).toBe(
      "Sorry, Spice Route cancelled your order #042. Reason: We ran out of paneer. Please ask a member of staff if you need help.",
    );
    const sms = orderCancelledSms(
      sampleOrder({ status: "cancelled", currency: "JPY", total: 1500, payment: { method: "online", status: "paid" } }),
      "Sushi Go",
    );
    expect(sms).toContain(`Your payment of ${formatMoney(1500, "JPY")} will be refunded.`);
    expect(sms).not.toContain("15.00");
  });

  it("rejected: gives the reason, and a refund note only when paid", () => {
    const unpaid = orderRejectedSms(
      sampleOrder({ status: "rejected", rejectionReason: "Kitchen closing" }),
      "Spice Route",
    );
    expect(unpaid).toBe(
      "Sorry, Spice Route couldn't accept your order #042. Reason: Kitchen closing. Please ask a member of staff if you need help.",
    );
    const paid = orderRejectedSms(
      sampleOrder({
        status: "rejected",
        rejectionReason: "Out of paneer.",
        payment: { method: "online", status: "paid" },
      }),
      "Spice Route",
    );
    expect(paid).toContain("Reason: Out of paneer. ");
    expect(paid).toContain("Your payment of ₹770.00 will be refunded.");
    const noReason = orderRejectedSms(sampleOrder({ status: "rejected" }), "Spice Route");
    expect(noReason).toBe(
      "Sorry, Spice Route couldn't accept your order #042. Please ask a member of staff if you need help.",
    );
  });
});

describe("orderConfirmationEmail", () => {
  it("is an itemised receipt in text", () => {
    const { subject, text } = orderConfirmationEmail(sampleOrder(), "Spice Route", { timeZone: "Asia/Kolkata" });
    expect(subject).toBe("Your order #042 at Spice Route");
    expect(text).toContain("Order #042 · Table T12");
    expect(text).toContain("2 × Paneer Tikka  ₹640.00");
    expect(text).toContain("    Large, Extra mint chutney");
    expect(text).toContain("    Note: No onions please");
    expect(text).toContain("1 × Masala Chai  ₹60.00");
    expect(text).toContain("Subtotal: ₹700.00");
    expect(text).toContain("Service charge: ₹35.00");
    expect(text).toContain("Tax: ₹35.00");
    expect(text).not.toContain("Tip:");
    expect(text).toContain("Total: ₹770.00");
    expect(text).toContain("Payment: To pay at the counter");
    // 13:40 UTC is 19:10 in India.
    expect(text).toMatch(/Placed 21 Nov 2025, 7:10\s?pm IST/i);
  });

  it("shows tip and omits a zero service charge", () => {
    const { text, html } = orderConfirmationEmail(
      sampleOrder({ serviceCharge: 0, tip: 5_000, total: 78_500, payment: { method: "online", status: "paid" } }),
      "Spice Route",
    );
    expect(text).not.toContain("Service charge");
    expect(text).toContain("Tip: ₹50.00");
    expect(text).toContain("Total: ₹785.00");
    expect(text).toContain("Payment: Paid online");
    expect(html).toContain("₹785.00");
    expect(html).toContain("Paid online");
  });

  it("escapes every interpolated value in the HTML", () => {
    const evil = `<script>alert("x")</script>`;
    const order = sampleOrder({
      number: "<b>1</b>",
      tableLabel: `T1" onclick="x`,
      lines: [
        {
          menuItemId: "i",
          name: evil,
          unitPrice: 100,
          quantity: 1,
          modifiers: [{ groupName: "g", name: "<img src=x onerror=alert(1)>", priceDelta: 0 }],
          notes: "Tom & Jerry's <special>",
          lineTotal: 100,
          station: "grill",
          allergens: [],
          doneAt: null,
        },
      ],
    });
    const { html, text } = orderConfirmationEmail(order, "Bar & <Grill>");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>1</b>");
    expect(html).not.toContain(`T1" onclick`);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Tom &amp; Jerry&#39;s &lt;special&gt;");
    expect(html).toContain("Bar &amp; &lt;Grill&gt;");
    // The plain-text part is not HTML and stays as written.
    expect(text).toContain(evil);
  });

  it("escapeHtml covers the five special characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("receipt email", () => {
  const link = "https://order.example.com/receipts/abcdefghijklmnopqrstuv";

  it("is a tax invoice with the GSTIN, number, time in the restaurant's zone, lines, GST halves and the tip apart", () => {
    const email = receiptEmail(sampleReceipt(), link);
    expect(email.subject).toBe("Tax invoice R-20251121-0003 from Spice Route");
    for (const body of [email.text, email.html]) {
      expect(body).toContain("Tax invoice");
      expect(body).toContain("GSTIN: 29ABCDE1234F1Z5");
      expect(body).toContain("12 MG Road, Bengaluru 560001");
      expect(body).toContain("R-20251121-0003");
      // 14:35 UTC is 8:05 pm in India.
      expect(body).toMatch(/21 Nov 2025, 8:05\s?pm IST/i);
      expect(body).toContain("Paneer Tikka");
      expect(body).toContain("CGST 2.5%");
      expect(body).toContain("SGST 2.5%");
      expect(body).toContain(formatMoney(1_751, "INR"));
      expect(body).toContain(formatMoney(1_750, "INR"));
      expect(body).toContain("Tip (no GST)");
      expect(body).toContain(formatMoney(77_001, "INR")); // the bill total, before the tip
      expect(body).toContain(formatMoney(84_001, "INR")); // paid, with the tip
      expect(body).toContain("Online (Razorpay)");
      expect(body).toContain(link);
    }
    expect(email.text).toMatch(/Bill total: ₹770\.01\nTip \(no GST\): ₹70\.00\nAmount paid: ₹840\.01/);
  });

  it("lists refunds with their reasons and the amount refunded, and says 'Receipt' without a GSTIN", () => {
    const email = receiptEmail(
      sampleReceipt({
        restaurant: { name: "Spice Route", gstin: null, address: null },
        method: "counter",
        counterMethod: "upi",
        refunds: [{ amount: 6_300, reason: "Chai was cold", at: "2025-11-21T15:00:00.000Z", status: "processed" }],
        refunded: 6_300,
      }),
      link,
    );
    expect(email.subject).toBe("Receipt R-20251121-0003 from Spice Route");
    expect(email.text).not.toContain("Tax invoice");
    expect(email.text).not.toContain("GSTIN");
    expect(email.text).toContain("UPI at the counter");
    expect(email.text).toContain("₹63.00 refunded 21 Nov 2025");
    expect(email.text).toContain("Chai was cold");
    expect(email.text).toContain("Total refunded: ₹63.00");
  });

  it("escapes every value in the HTML", () => {
    const email = receiptEmail(
      sampleReceipt({
        restaurant: { name: `<script>alert(1)</script>`, gstin: "29ABCDE1234F1Z5", address: `"a" & 'b'` },
        lines: [
          {
            name: "<img src=x>",
            quantity: 1,
            unitPrice: 100,
            lineTotal: 100,
            amounts: { subtotal: 100, serviceCharge: 0, tax: 5 },
          },
        ],
      }),
      link,
    );
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img src=x>");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.html).toContain("&quot;a&quot; &amp; &#39;b&#39;");
  });
});

describe("receipt SMS", () => {
  it("says what was paid where, with the link", () => {
    expect(receiptSms(sampleReceipt(), "https://order.example.com/receipts/abc")).toBe(
      "Thanks for paying ₹840.01 at Spice Route (table T12). Your receipt: https://order.example.com/receipts/abc",
    );
  });
});
