"""Waiting for a browser page to be replaced, for the selenium scripts (browser-test, axe-e2e)."""
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait


def replaced(element):
    """A wait condition: true once `element` (of the old page) is no longer in the document.
    Chromium reports a node of a replaced document either as a stale element or, when the check
    races the navigation, as "Node with given id does not belong to the document"; both mean the
    old page is gone."""
    def condition(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return condition


def wait_until_replaced(driver, element, seconds=120):
    """Waits until the page holding `element` has been replaced by the next one."""
    WebDriverWait(driver, seconds).until(replaced(element))
